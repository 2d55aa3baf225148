import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/import/parse-dockerfile.js';

const one = (text: string, keyword: string) => {
  const found = parseDockerfile(text).instructions.find((i) => i.keyword === keyword);
  if (!found) throw new Error(`no ${keyword}`);
  return found;
};

describe('parseDockerfile', () => {
  it('splits continuation lines into pieces after the flags, dropping comment and blank lines', () => {
    const run = one(
      'FROM x\nRUN --mount=type=cache,target=/c \\\n    apt-get update && \\\n    # inner\n\n    apt-get install -y \\\n      curl\n',
      'RUN',
    );
    expect(run.flags).toEqual([
      {
        name: 'mount',
        value: 'type=cache,target=/c',
        options: [
          { name: 'type', value: 'cache' },
          { name: 'target', value: '/c' },
        ],
      },
    ]);
    expect(run.pieces).toEqual(['apt-get update &&', 'apt-get install -y', 'curl']);
    expect(run.innerComments).toEqual(['inner']);
    expect(run.line).toBe(2);
    expect(run.endLine).toBe(7);
  });

  it('uses the escape directive for continuations', () => {
    const df = parseDockerfile('# escape=`\nFROM x\nRUN a C:\\dir `\n    b\n');
    expect(df.escape).toBe('`');
    expect(df.instructions[1]?.pieces).toEqual(['a C:\\dir', 'b']);
    expect(df.directives).toEqual([{ name: 'escape', value: '`', line: 1 }]);
  });

  it('reads exec form with JSON.parse, so spaces, escapes and unicode survive', () => {
    const copy = one('FROM x\nCOPY --from=a ["/a b", "/c\\\\d", "q\\"uote", "üñ 🐳", "/dest/"]\n', 'COPY');
    expect(copy.json).toEqual(['/a b', '/c\\d', 'q"uote', 'üñ 🐳', '/dest/']);
    expect(one('FROM x\nCMD echo [not json\n', 'CMD').json).toBeUndefined();
    expect(one('FROM x\nCMD ["a", \\\n  "b"]\n', 'CMD').json).toEqual(['a', 'b']);
  });

  it('extracts heredoc bodies, stripping tabs for <<-', () => {
    const df = parseDockerfile('FROM x\nRUN <<EOF\nset -e\necho "$HOME"\nEOF\nRUN <<-\'X\'\n\tone\n\t\ttwo\nX\n');
    expect(df.instructions[1]?.heredocs).toEqual([{ name: 'EOF', chomp: false, content: 'set -e\necho "$HOME"' }]);
    expect(df.instructions[2]?.heredocs).toEqual([{ name: 'X', chomp: true, content: 'one\ntwo' }]);
    expect(df.instructions[1]?.innerComments).toEqual([]);
  });

  it('reads ENV/LABEL/ARG properties with quotes removed and $VAR kept', () => {
    const env = one('FROM x\nENV A=a\\ b B="x\\"y" C=$HOME/x\n', 'ENV');
    expect(env.properties).toEqual([
      { name: 'A', value: 'a b', rawValue: 'a\\ b' },
      { name: 'B', value: 'x"y', rawValue: '"x\\"y"' },
      { name: 'C', value: '$HOME/x', rawValue: '$HOME/x' },
    ]);
    expect(one('ARG A=1 B\nFROM x\n', 'ARG').properties).toEqual([
      { name: 'A', value: '1', rawValue: '1' },
      { name: 'B', value: null, rawValue: undefined },
    ]);
  });

  it('keeps comments outside instructions with their line, and parses ONBUILD triggers and FROM', () => {
    const df = parseDockerfile('# head\nFROM --platform=$BUILDPLATFORM golang:1.22 AS Build\n# mid\nONBUILD COPY --from=a x y\n');
    expect(df.comments).toEqual([
      { line: 1, text: 'head' },
      { line: 3, text: 'mid' },
    ]);
    expect(df.instructions[0]?.from).toEqual({ image: 'golang:1.22', stage: 'Build' });
    const trigger = df.instructions[1]?.trigger;
    expect(trigger?.keyword).toBe('COPY');
    expect(trigger?.flags.map((f) => [f.name, f.value])).toEqual([['from', 'a']]);
    expect(trigger?.words).toEqual(['x', 'y']);
  });
});
