/**
 * The fast path's bundles (dist/bundle/fast.js, fast-run.js) carry their own copies of the error
 * classes: an error one of them throws must still read as dockwright's own to the CLI's error
 * handler (its message and exit code, not "this is a bug").
 */
import { describe, expect, it } from 'vitest';
import { DockwrightError } from '../../../src/errors/dockwright-error.js';
import { ProjectNotFoundError } from '../../../src/errors/project-error.js';
import { handleError } from '../../../src/cli/handle-error.js';

/** What another bundle's copy of DockwrightError makes: the same brand, another class. */
async function fromAnotherCopy(): Promise<Error> {
  const url = new URL('../../../src/errors/dockwright-error.ts', import.meta.url);
  const copy = (await import(`${url.href}?copy`)) as typeof import('../../../src/errors/dockwright-error.js');
  class Elsewhere extends copy.DockwrightError {
    readonly code = 'DW_BUILD_FAILED' as const;
    readonly exitCode = 1 as const;
  }
  return new Elsewhere('image app failed');
}

describe('DockwrightError', () => {
  it('recognises an error of another copy of the class, and nothing else', async () => {
    const other = await fromAnotherCopy();
    expect(Object.getPrototypeOf(Object.getPrototypeOf(other)).constructor).not.toBe(DockwrightError);
    expect(other instanceof DockwrightError).toBe(true);
    expect(new ProjectNotFoundError('/nowhere') instanceof DockwrightError).toBe(true);
    expect(new Error('plain') instanceof DockwrightError).toBe(false);
    expect({ message: 'plain object' } instanceof DockwrightError).toBe(false);
    // a subclass still goes by its own class
    expect(other instanceof ProjectNotFoundError).toBe(false);
  });

  it('is reported as dockwright reports its own errors, with its exit code', async () => {
    const written: string[] = [];
    const out = { write: (t: string) => void written.push(t), isTTY: false };
    const code = handleError(await fromAnotherCopy(), { cwd: '/', env: {}, stdout: out, stderr: out });
    expect(code).toBe(1);
    expect(written.join('')).toBe('error: image app failed\n');
  });
});
