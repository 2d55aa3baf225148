/** The IR dispatch table is exhaustive: a walker missing a kind does not compile. */
import { describe, expect, it } from 'vitest';
import { irKeyword, visit, type IrKind, type IrVisitor } from '../../../src/ir/index.js';

describe('IrVisitor', () => {
  it('requires one function per kind', () => {
    const kinds: Record<IrKind, true> = {
      from: true,
      arg: true,
      run: true,
      copy: true,
      add: true,
      env: true,
      workdir: true,
      user: true,
      expose: true,
      volume: true,
      label: true,
      entrypoint: true,
      cmd: true,
      healthcheck: true,
      shell: true,
      stopsignal: true,
      onbuild: true,
      comment: true,
      raw: true,
    };
    const names = Object.fromEntries(Object.keys(kinds).map((k) => [k, () => k])) as unknown as IrVisitor<string>;
    expect(visit({ kind: 'workdir', dir: '/', modelPath: [] }, names)).toBe('workdir');
    const { raw: _raw, ...withoutRaw } = names;
    // @ts-expect-error `raw` is missing
    const partial: IrVisitor<string> = withoutRaw;
    expect(Object.keys(partial)).toHaveLength(18);
  });

  it('gives each node its Dockerfile keyword', () => {
    expect(irKeyword({ kind: 'stopsignal', signal: 'SIGTERM', modelPath: [] })).toBe('STOPSIGNAL');
    expect(irKeyword({ kind: 'comment', text: 'x', modelPath: [] })).toBeUndefined();
    expect(irKeyword({ kind: 'raw', text: '  healthcheck NONE', modelPath: [] })).toBe('HEALTHCHECK');
  });
});
