import { describe, expect, it } from 'vitest';
import { importSources } from '../../../src/import/import-sources.js';

describe('importSources', () => {
  it('turns a step gen would reject back into raw text, with the reason', async () => {
    const out = await importSources([{ file: 'x/Dockerfile', name: 'x', text: 'FROM scratch\nCOPY ${MISSING}/a /a\nCOPY b /b\n' }]);
    expect(out.warnings).toEqual([
      { file: 'x/Dockerfile', line: 2, message: 'not modelled: gen would reject it: ${MISSING} in COPY is not defined here (kept as raw)' },
    ]);
    expect(out.definitions[0]?.text).toContain(
      [
        '    // dockwright import: not modelled: gen would reject it: ${MISSING} in COPY is not defined here',
        "    raw('COPY ${MISSING}/a /a'),",
        "    copy('b', '/b'),",
      ].join('\n'),
    );
  });

  it('refuses two Dockerfiles that would make the same image', async () => {
    const text = 'FROM scratch\n';
    await expect(
      importSources([
        { file: 'a/app/Dockerfile', name: 'app', text },
        { file: 'b/app/Dockerfile', name: 'app', text },
      ]),
    ).rejects.toThrow('two Dockerfiles would both become the image "app" (a/app/Dockerfile, b/app/Dockerfile)');
  });

  it('orders warnings by file and line, --arg ones last', async () => {
    const out = await importSources(
      [
        { file: 'b/Dockerfile', name: 'b', text: 'FROM x:1\nMAINTAINER me\n' },
        { file: 'a/Dockerfile', name: 'a', text: '# check=skip=all\nFROM x:1\nMAINTAINER me\nEXPOSE 1-2\n' },
      ],
      { NOPE: '1' },
    );
    expect(out.warnings.map((w) => `${w.file}:${w.line ?? ''}`)).toEqual([
      'a/Dockerfile:1',
      'a/Dockerfile:3',
      'a/Dockerfile:4',
      'b/Dockerfile:2',
      '--arg NOPE:',
    ]);
  });
});
