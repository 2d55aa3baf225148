/**
 * A module that does not load (a definition, the config), as one line: the first line of the
 * message and where it happened — the position of a syntax error or a missing import (esbuild's
 * location), or the first frame of the stack in a project file for an error thrown at import time.
 */
import { BundleError, type BundleMessage } from '../errors/bundle-error.js';

/** esbuild's `Could not resolve "./x.js"` in Node's words. */
const reworded = (text: string): string => text.replace(/^Could not resolve "([^"]*)"$/, "Cannot find module '$1'");

function describeBundleMessage(m: BundleMessage, file: string | undefined): string {
  const text = reworded(m.text);
  if (m.line === undefined) return text;
  const at = `line ${m.line}, column ${m.column ?? 0}`;
  return m.file === undefined || m.file === file ? `${text} (${at})` : `${text} (in ${m.file}, ${at})`;
}

function describeThrown(err: unknown, root: string): string {
  const message = err instanceof Error ? err.message : String(err);
  const first = (message.split('\n').find((l) => l.trim()) ?? 'unknown error').trim().replace(/\s+/g, ' ');
  const thrown = thrownAt(err, root);
  return thrown ? `${first} (thrown at ${thrown})` : first;
}

/** `err` as one line, paths relative to `root`; `file` is the module that was loaded (absolute). */
export function describeLoadFailure(err: unknown, root: string, file?: string): string {
  const text = err instanceof BundleError && err.messages[0] ? describeBundleMessage(err.messages[0], file) : describeThrown(err, root);
  return text.split(`${root}/`).join('');
}

/** `definitions/x.ts:12:7`: the first frame of the error's stack in a project file (not a dependency, not the bundle). */
function thrownAt(err: unknown, root: string): string | undefined {
  const stack = err instanceof Error ? (err.stack ?? '') : '';
  for (const line of stack.split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?\/[^()]*?):(\d+):(\d+)\)?\s*$/.exec(line);
    const file = m?.[1]?.replace(/^file:\/\//, '').replace(/\?.*$/, '');
    if (m && file && file.startsWith(`${root}/`) && !file.includes('/node_modules/') && !file.includes('/.dockwright/'))
      return `${file}:${m[2]}:${m[3]}`;
  }
  return undefined;
}
