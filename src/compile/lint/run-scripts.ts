/**
 * The shell text of a RUN, as the rules read it: one piece per shell-form command (they are
 * joined with `&&` into one shell invocation) or the heredoc script, with the program that runs
 * it (the stage's SHELL, or the script's `#!` line).
 */
import type { RunModel } from '../../model/resolved.js';
import { isPosixShell } from './shell-commands.js';
import { shellTokens, type ShellToken } from './shell-words.js';
import type { FieldPath } from './rule.js';

export interface RunScript {
  /** Path of the text inside the RUN step (`['body', 'commands', 2]`). */
  readonly path: FieldPath;
  readonly text: string;
  readonly tokens: readonly ShellToken[];
  /** The program and its options that run the text (`['/bin/sh', '-c']`). */
  readonly interpreter: readonly string[];
}

/** Several rules read the same RUN: each piece is tokenized once (models are frozen). */
const tokenized = new WeakMap<RunModel, readonly (readonly ShellToken[])[]>();

const tokensOf = (run: RunModel, texts: readonly string[]): readonly (readonly ShellToken[])[] => {
  let tokens = tokenized.get(run);
  if (!tokens) tokenized.set(run, (tokens = texts.map(shellTokens)));
  return tokens;
};

/** The pieces of a RUN's shell text; none for exec form. */
export function runScripts(run: RunModel, shell: readonly string[]): RunScript[] {
  const { body } = run;
  if (body.form === 'exec') return [];
  if (body.form === 'shell') {
    const tokens = tokensOf(run, body.commands);
    return body.commands.map((text, k) => ({ path: ['body', 'commands', k], text, tokens: tokens[k] ?? [], interpreter: shell }));
  }
  const shebang = /^#!(.*)/.exec(body.script)?.[1]?.trim();
  const interpreter = shebang ? shebang.split(/\s+/) : shell;
  return [{ path: ['body', 'script'], text: body.script, tokens: tokensOf(run, [body.script])[0] ?? [], interpreter }];
}

/** The pieces run by a POSIX shell (a `#!/usr/bin/env python3` script is not). */
export const posixScripts = (run: RunModel, shell: readonly string[]): RunScript[] =>
  runScripts(run, shell).filter((s) => isPosixShell(s.interpreter));
