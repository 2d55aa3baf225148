/** buildView: IR → ready strings, every value quoted, every refusal collected with its path. */
import { describe, expect, it } from 'vitest';
import type { DockerfileIr, IrStage } from '../../../src/ir/index.js';
import { buildView, ViewError } from '../../../src/render/index.js';

const ir = (stage: Partial<IrStage> = {}, escape: '\\' | '`' = '\\'): DockerfileIr => ({
  directives: { escape },
  header: { file: 'definitions/a.ts', imageId: 'a' },
  globalArgs: [],
  stages: [
    { origin: 'model', from: { kind: 'from', image: 'busybox', stage: 'main', modelPath: ['stages', 0] }, instructions: [], ...stage },
  ],
});

describe('buildView', () => {
  it('continues lines with the escape character in use, and writes the escape directive', () => {
    const view = buildView(
      ir(
        {
          instructions: [
            {
              kind: 'env',
              vars: [
                ['A', 'x'],
                ['B', 'y`z'],
              ],
              modelPath: ['env'],
            },
            { kind: 'run', body: { form: 'shell', commands: ['a', 'b'] }, mounts: [], modelPath: ['s'] },
          ],
        },
        '`',
      ),
    );
    expect(view.directives).toEqual(['# escape=`']);
    expect(view.stages[0]?.lines.slice(1)).toEqual(['ENV A="x" `\n    B="y``z"', 'RUN a `\n    && b']);
  });

  it('collects every refused value with its model path before failing', () => {
    const bad = ir({
      instructions: [
        { kind: 'workdir', dir: '/a\nb', modelPath: ['stages', 0, 'steps', 0], fieldPaths: { dir: ['stages', 0, 'steps', 0, 'path'] } },
        { kind: 'user', user: 'a', group: 'b\nc', modelPath: ['user'] },
        {
          kind: 'run',
          body: { form: 'exec', argv: ['a\0'] },
          mounts: [
            {
              type: 'cache',
              options: [
                { key: 'target', value: '/ok', field: 'target' },
                { key: 'id', value: 'a b', field: 'id' },
              ],
            },
          ],
          modelPath: ['r'],
        },
      ],
    });
    let error: unknown;
    try {
      buildView(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ViewError);
    expect((error as ViewError).failures.map((f) => [f.path, f.error.code])).toEqual([
      [['stages', 0, 'steps', 0, 'path'], 'DW_QUOTE_NEWLINE'],
      [['user', 'group'], 'DW_QUOTE_NEWLINE'],
      [['r', 'mounts', 0, 'id'], 'DW_QUOTE_UNSAFE_CHAR'],
      [['r', 'body', 'argv'], 'DW_QUOTE_NUL'],
    ]);
  });

  it('writes paths in JSON form as soon as one needs quoting', () => {
    const view = buildView(
      ir({
        instructions: [
          { kind: 'copy', sources: ['a', 'b c'], dest: '/d/', modelPath: ['c'] },
          { kind: 'copy', sources: ['a', 'b'], dest: '/${X}/', modelPath: ['c'] },
        ],
      }),
    );
    expect(view.stages[0]?.lines.slice(1)).toEqual(['COPY ["a", "b c", "/d/"]', 'COPY a b /${X}/']);
  });

  it('writes --exclude glob patterns as given, and refuses what BuildKit would read differently', () => {
    const view = buildView(
      ir({
        instructions: [
          {
            kind: 'copy',
            sources: ['.'],
            dest: '/app/',
            exclude: ['*.md', '**/*.py[co]', '!README.md', 'build-?/[^_]*'],
            modelPath: ['c'],
          },
          { kind: 'add', sources: ['https://example.test/a.tgz'], dest: '/tmp/', exclude: ['-x*'], modelPath: ['a'] },
        ],
      }),
    );
    expect(view.stages[0]?.lines.slice(1)).toEqual([
      'COPY --exclude=*.md --exclude=**/*.py[co] --exclude=!README.md --exclude=build-?/[^_]* . /app/',
      'ADD --exclude=-x* https://example.test/a.tgz /tmp/',
    ]);
    let error: unknown;
    try {
      buildView(
        ir({
          instructions: [
            { kind: 'copy', sources: ['.'], dest: '/app/', exclude: ['ok/*', 'my docs', '${X}/*.md', "it's"], modelPath: ['c'] },
          ],
        }),
      );
    } catch (e) {
      error = e;
    }
    expect((error as ViewError).failures.map((f) => [f.path, f.error.code, f.error.problem])).toEqual([
      [['c', 'exclude', 1], 'DW_QUOTE_UNSAFE_CHAR', 'contains " " (U+0020): whitespace ends the flag'],
      [
        ['c', 'exclude', 2],
        'DW_QUOTE_UNSAFE_CHAR',
        'contains "$" (U+0024): BuildKit does not expand variables in --exclude patterns, so it would match a literal "$"',
      ],
      [['c', 'exclude', 3], 'DW_QUOTE_UNSAFE_CHAR', 'contains "\'" (U+0027): BuildKit\'s flag lexer takes quotes out'],
    ]);
  });

  it('refuses a syntax that is not a plain image reference', () => {
    expect(() => buildView({ ...ir(), directives: { escape: '\\', syntax: 'docker/dockerfile:1 x' } })).toThrow(ViewError);
  });
});
