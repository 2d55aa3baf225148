import { describe, expect, it } from 'vitest';
import {
  QuoteError,
  comment,
  flag,
  globFlag,
  heredoc,
  joinShellCommands,
  jsonArray,
  keyValue,
  mountFlag,
  pathArray,
  shellCommand,
  token,
  variableName,
  word,
  type QuoteErrorCode,
} from '../../../src/render/quote.js';

/** Runs fn and returns the QuoteError code it threw (fails if it did not throw one). */
function codeOf(fn: () => unknown): QuoteErrorCode {
  try {
    fn();
  } catch (error) {
    if (error instanceof QuoteError) return error.code;
    throw error;
  }
  throw new Error('expected a QuoteError');
}

describe('QuoteError', () => {
  it('says what was given and what is expected', () => {
    const error = (() => {
      try {
        shellCommand('echo a\nRUN evil');
      } catch (e) {
        return e as QuoteError;
      }
      throw new Error('no error');
    })();
    expect(error).toBeInstanceOf(QuoteError);
    expect(error.name).toBe('QuoteError');
    expect(error.code).toBe('DW_QUOTE_NEWLINE');
    expect(error.value).toBe('echo a\nRUN evil');
    expect(error.message).toBe(
      'shell command "echo a\\nRUN evil" contains a line break; expected a single line (use heredoc() for a script, joinShellCommands() for several commands)',
    );
  });
});

describe('jsonArray', () => {
  it('writes JSON strings Docker decodes back to the input', () => {
    expect(jsonArray(['nginx', '-g', 'daemon off;'])).toBe('["nginx", "-g", "daemon off;"]');
    expect(jsonArray(['a"b', 'c\\d', '$HOME', 'line\nnext', 'é😀'])).toBe('["a\\"b", "c\\\\d", "$HOME", "line\\nnext", "é😀"]');
    expect(jsonArray([])).toBe('[]');
  });
  it('hides "<<" from readers that split on spaces', () => {
    expect(jsonArray(['cat', ' <<EOF', '<<<x'])).toBe('["cat", " \\u003c<EOF", "\\u003c\\u003c<x"]');
    expect(JSON.parse(jsonArray([' <<EOF']))).toEqual([' <<EOF']);
  });
  it('rejects what no process argument can hold', () => {
    expect(codeOf(() => jsonArray(['a\0b']))).toBe('DW_QUOTE_NUL');
    expect(codeOf(() => jsonArray(['\uD800']))).toBe('DW_QUOTE_ENCODING');
  });
});

describe('keyValue', () => {
  it('double-quotes values and escapes ", $ and the escape character', () => {
    expect(keyValue('PATH', '/opt/bin:/usr/bin')).toBe('PATH="/opt/bin:/usr/bin"');
    expect(keyValue('K', 'say "hi" \\ $USER `x`')).toBe('K="say \\"hi\\" \\\\ \\$USER `x`"');
    expect(keyValue('K', 'say "hi" \\ $USER `x`', { escape: '`' })).toBe('K="say `"hi`" \\ `$USER ``x``"');
    expect(keyValue('EMPTY', '')).toBe('EMPTY=""');
    expect(keyValue('K', "#'[]{},=<<EOF")).toBe('K="#\'[]{},=<<EOF"');
  });
  it('leaves references to the builder with expand: true', () => {
    expect(keyValue('PATH', '/app/bin:$PATH', { expand: true })).toBe('PATH="/app/bin:${PATH}"');
    expect(keyValue('V', '${A:-it\'s "x"} costs $5 and ${B:+y}', { expand: true })).toBe(
      'V="${A:-it\\\'s \\"x\\"} costs \\$5 and ${B:+y}"',
    );
    expect(codeOf(() => keyValue('V', '${A/x/y}', { expand: true }))).toBe('DW_QUOTE_BAD_VARIABLE');
    expect(codeOf(() => keyValue('V', '${A', { expand: true }))).toBe('DW_QUOTE_BAD_VARIABLE');
    // the hint names what the public API has (literal() / "$$"), not an internal option
    expect(() => keyValue('V', '${A', { expand: true })).toThrow(/literal\(text\) or "\$\$" for a literal "\$"/);
    expect(() => keyValue('V', '${A', { expand: true })).not.toThrow(/expand: false/);
  });
  it('checks keys by kind', () => {
    expect(keyValue('org.opencontainers.image.title', 'x', { kind: 'label' })).toBe('org.opencontainers.image.title="x"');
    expect(keyValue('my "key" $x', 'v', { kind: 'label' })).toBe('"my \\"key\\" \\$x"="v"');
    expect(keyValue('--flag', 'v', { kind: 'label' })).toBe('"--flag"="v"');
    expect(codeOf(() => keyValue('a=b', 'v', { kind: 'label' }))).toBe('DW_QUOTE_BAD_NAME');
    expect(codeOf(() => keyValue('', 'v', { kind: 'label' }))).toBe('DW_QUOTE_EMPTY');
    expect(codeOf(() => keyValue('a.b', 'v'))).toBe('DW_QUOTE_BAD_NAME');
    expect(codeOf(() => keyValue('1A', 'v', { kind: 'arg' }))).toBe('DW_QUOTE_BAD_NAME');
    expect(keyValue('VERSION', '1.2', { kind: 'arg' })).toBe('VERSION="1.2"');
  });
  it('rejects line breaks, NUL and lone surrogates in values', () => {
    expect(codeOf(() => keyValue('K', 'a\nRUN evil'))).toBe('DW_QUOTE_NEWLINE');
    expect(codeOf(() => keyValue('K', 'a\r'))).toBe('DW_QUOTE_NEWLINE');
    expect(codeOf(() => keyValue('K', 'a\0'))).toBe('DW_QUOTE_NUL');
    expect(codeOf(() => keyValue('K', 'a\uDC00'))).toBe('DW_QUOTE_ENCODING');
  });
  it('checks bare variable names', () => {
    expect(variableName('TARGETARCH')).toBe('TARGETARCH');
    expect(codeOf(() => variableName('A B'))).toBe('DW_QUOTE_BAD_NAME');
  });
});

describe('word', () => {
  it('stays bare when nothing needs quoting, double-quotes otherwise', () => {
    expect(word('/app')).toBe('/app');
    expect(word('1000:1000')).toBe('1000:1000');
    expect(word('/my app')).toBe('"/my app"');
    expect(word('/it\'s/$x/"q"')).toBe('"/it\'s/\\$x/\\"q\\""');
    expect(word('--help')).toBe('"--help"');
    expect(word('C:\\dir', { escape: '`' })).toBe('"C:\\dir"');
    expect(word('/srv/${APP}', { expand: true })).toBe('/srv/${APP}');
    expect(word('/srv/$APP dir', { expand: true })).toBe('"/srv/${APP} dir"');
  });
  it('rejects empty values and line breaks', () => {
    expect(codeOf(() => word(''))).toBe('DW_QUOTE_EMPTY');
    expect(codeOf(() => word('/a\nUSER root'))).toBe('DW_QUOTE_NEWLINE');
  });
});

describe('pathArray', () => {
  it('writes JSON whose strings are words', () => {
    expect(pathArray(['package.json', './'])).toBe('["package.json", "./"]');
    expect(pathArray(['my file', '/dst/'])).toBe('["my file", "/dst/"]');
    expect(pathArray(['./conf/*.xml', '/etc/app/'])).toBe('["./conf/*.xml", "/etc/app/"]');
    expect(pathArray(['<<EOF', '/x'])).toBe('["\\"\\u003c<EOF\\"", "/x"]');
    expect(pathArray(['$HOME', '/x'])).toBe('["\\\\$HOME", "/x"]');
    expect(pathArray(['say "hi" it\'s', '/x'])).toBe('["say \\\\\\"hi\\\\\\" it\\\\\'s", "/x"]');
  });
  it('rejects empty lists and paths', () => {
    expect(codeOf(() => pathArray([]))).toBe('DW_QUOTE_EMPTY');
    expect(codeOf(() => pathArray(['a', '']))).toBe('DW_QUOTE_EMPTY');
  });
});

describe('token, flag and mountFlag', () => {
  it('write portable tokens bare', () => {
    expect(token('docker.io/library/node:20-alpine@sha256:abc')).toBe('docker.io/library/node:20-alpine@sha256:abc');
    expect(flag('platform', '$BUILDPLATFORM', { expand: true })).toBe('--platform=${BUILDPLATFORM}');
    expect(flag('chown', '1000:1000')).toBe('--chown=1000:1000');
    expect(flag('link')).toBe('--link');
    expect(mountFlag({ type: 'cache', target: '/root/.npm', id: 'npm-${TARGETARCH}' }, { expand: true })).toBe(
      '--mount=type=cache,target=/root/.npm,id=npm-${TARGETARCH}',
    );
  });
  it('reject anything that would need quoting', () => {
    expect(codeOf(() => token('a b'))).toBe('DW_QUOTE_UNSAFE_CHAR');
    expect(codeOf(() => token('-x'))).toBe('DW_QUOTE_UNSAFE_CHAR');
    expect(codeOf(() => token('$X'))).toBe('DW_QUOTE_UNSAFE_CHAR');
    expect(codeOf(() => flag('interval', '5µs'))).toBe('DW_QUOTE_UNSAFE_CHAR');
    expect(codeOf(() => mountFlag({ type: 'cache', target: '/a,b' }))).toBe('DW_QUOTE_UNSAFE_CHAR');
    expect(codeOf(() => mountFlag({ type: 'cache', id: 'a=b' }))).toBe('DW_QUOTE_UNSAFE_CHAR');
    expect(codeOf(() => mountFlag({ type: 'cache', id: '"x"' }))).toBe('DW_QUOTE_UNSAFE_CHAR');
    expect(codeOf(() => mountFlag({ type: 'cache', id: '' }))).toBe('DW_QUOTE_EMPTY');
    expect(codeOf(() => mountFlag({ 'Bad Key': 'x' }))).toBe('DW_QUOTE_BAD_NAME');
    expect(codeOf(() => mountFlag({}))).toBe('DW_QUOTE_EMPTY');
    expect(codeOf(() => flag('x', 'a\nRUN evil'))).toBe('DW_QUOTE_NEWLINE');
    expect(codeOf(() => flag('--from', 'x'))).toBe('DW_QUOTE_BAD_NAME');
  });
  it('names the offending character', () => {
    expect(() => token('a,b')).toThrow('token "a,b" contains "," (U+002C)');
  });
});

describe('globFlag', () => {
  it('writes glob patterns bare', () => {
    expect(globFlag('exclude', '*.md')).toBe('--exclude=*.md');
    expect(globFlag('exclude', '**/__pycache__')).toBe('--exclude=**/__pycache__');
    expect(globFlag('exclude', '!keep/[^._]?[a-z]*.txt')).toBe('--exclude=!keep/[^._]?[a-z]*.txt');
    expect(globFlag('exclude', '-odd')).toBe('--exclude=-odd');
  });
  it('refuses what the flag lexer, the --name=value split or the line would change, naming why', () => {
    const problem = (pattern: string, escape?: '\\' | '`'): string => {
      try {
        globFlag('exclude', pattern, escape ? { escape } : {});
      } catch (e) {
        if (e instanceof QuoteError) return `${e.code} ${e.problem}`;
      }
      throw new Error('expected a QuoteError');
    };
    expect(problem('a b')).toBe('DW_QUOTE_UNSAFE_CHAR contains " " (U+0020): whitespace ends the flag');
    expect(problem('a\tb')).toBe('DW_QUOTE_UNSAFE_CHAR contains "\\t" (U+0009): whitespace ends the flag');
    expect(problem('"a"')).toBe(`DW_QUOTE_UNSAFE_CHAR contains "\\"" (U+0022): BuildKit's flag lexer takes quotes out`);
    expect(problem("a'")).toBe(`DW_QUOTE_UNSAFE_CHAR contains "'" (U+0027): BuildKit's flag lexer takes quotes out`);
    expect(problem('\\*.md')).toBe(`DW_QUOTE_UNSAFE_CHAR contains "\\\\" (U+005C): BuildKit's flag lexer reads it as an escape`);
    expect(problem('a`b', '`')).toBe(`DW_QUOTE_UNSAFE_CHAR contains "\`" (U+0060): it is the Dockerfile's escape character`);
    expect(problem('$X/*.md')).toBe(
      'DW_QUOTE_UNSAFE_CHAR contains "$" (U+0024): BuildKit does not expand variables in --exclude patterns, so it would match a literal "$"',
    );
    expect(problem('a=b')).toBe('DW_QUOTE_UNSAFE_CHAR contains "=" (U+003D): reserved for options in flag values');
    expect(problem('*.sh,type=file')).toBe('DW_QUOTE_UNSAFE_CHAR contains "," (U+002C): reserved for options in flag values');
    expect(problem('café')).toBe(
      `DW_QUOTE_UNSAFE_CHAR contains "é" (U+00E9): BuildKit's flag lexer reads bytes and would garble a non-ASCII character`,
    );
    expect(problem('a{b,c}')).toBe('DW_QUOTE_UNSAFE_CHAR contains "{" (U+007B)');
    expect(problem('a\nCOPY x y')).toBe('DW_QUOTE_NEWLINE contains a line break');
    expect(problem('')).toBe('DW_QUOTE_EMPTY is empty');
    expect(codeOf(() => globFlag('Exclude', '*'))).toBe('DW_QUOTE_BAD_NAME');
    expect(() => globFlag('exclude', 'my docs')).toThrow(
      '--exclude pattern "my docs" contains " " (U+0020): whitespace ends the flag; expected letters, digits',
    );
  });
});

describe('shellCommand', () => {
  it('returns ordinary commands unchanged', () => {
    for (const cmd of ['echo "$HOME" \'$x\'', '[ -f /x ] && echo yes', 'cat <<< "$x"', 'echo a \\ b', 'echo `date`', '# a comment']) {
      expect(shellCommand(cmd)).toBe(cmd);
    }
    expect(shellCommand('echo C:\\', { escape: '`' })).toBe('echo C:\\');
  });
  it.each<[string, string, QuoteErrorCode, ('\\' | '`')?]>([
    ['newline', 'echo a\nFROM evil', 'DW_QUOTE_NEWLINE'],
    ['carriage return', 'echo a\rFROM evil', 'DW_QUOTE_NEWLINE'],
    ['blank', ' \t ', 'DW_QUOTE_EMPTY'],
    ['trailing backslash', 'echo a \\', 'DW_QUOTE_TRAILING_ESCAPE'],
    ['trailing backslash and spaces', 'echo a\\  \t', 'DW_QUOTE_TRAILING_ESCAPE'],
    ['escaped backslash at the end', 'echo a\\\\', 'DW_QUOTE_TRAILING_ESCAPE'],
    ['trailing backtick escape', 'echo `date`', 'DW_QUOTE_TRAILING_ESCAPE', '`'],
    ['flag injection', '--network=host curl x', 'DW_QUOTE_FLAG_LIKE'],
    ['flag injection after whitespace', '\v --security=insecure true', 'DW_QUOTE_FLAG_LIKE'],
    ['escaped flag injection', '\\--network=host true', 'DW_QUOTE_FLAG_LIKE'],
    ['exec form', '["/bin/evil"]', 'DW_QUOTE_JSON_LIKE'],
    ['non-string JSON', ' [ 1 ] ', 'DW_QUOTE_JSON_LIKE'],
    ['heredoc', 'cat <<EOF', 'DW_QUOTE_HEREDOC'],
    ['quoted heredoc', "cat <<-'EOF' > x", 'DW_QUOTE_HEREDOC'],
    ['heredoc with fd', 'cat 3<<X', 'DW_QUOTE_HEREDOC'],
    ['escaped heredoc', 'cat \\<<EOF', 'DW_QUOTE_HEREDOC'],
    ['NUL', 'echo \0', 'DW_QUOTE_NUL'],
  ])('rejects %s', (_name, cmd, code, escape) => {
    expect(codeOf(() => shellCommand(cmd, escape === undefined ? {} : { escape }))).toBe(code);
  });
});

describe('joinShellCommands', () => {
  it('joins with continuation lines', () => {
    expect(joinShellCommands(['apt-get update', 'apt-get install -y curl'])).toBe('apt-get update \\\n    && apt-get install -y curl');
    expect(joinShellCommands(['a', 'b'], { escape: '`' })).toBe('a `\n    && b');
    expect(joinShellCommands(['only'])).toBe('only');
    expect(joinShellCommands(['echo "#x" \'#y\' a#b ${#v}', 'b # last comment is harmless'])).toBe(
      'echo "#x" \'#y\' a#b ${#v} \\\n    && b # last comment is harmless',
    );
  });
  it('rejects joins that would change meaning', () => {
    expect(codeOf(() => joinShellCommands([]))).toBe('DW_QUOTE_EMPTY');
    expect(codeOf(() => joinShellCommands(['apt-get update # refresh', 'rm -rf /var/lib/apt']))).toBe('DW_QUOTE_SHELL_COMMENT');
    expect(codeOf(() => joinShellCommands(["echo 'a", "b'"]))).toBe('DW_QUOTE_SHELL_QUOTE');
    expect(codeOf(() => joinShellCommands(['echo "a\\"']))).toBe('DW_QUOTE_SHELL_QUOTE');
    expect(codeOf(() => joinShellCommands(['a', 'b\nc']))).toBe('DW_QUOTE_NEWLINE');
  });
});

describe('heredoc', () => {
  it('quotes the marker and ends the body with it', () => {
    expect(heredoc('set -e\necho hi')).toEqual({ marker: 'EOF', redirect: "<<'EOF'", body: 'set -e\necho hi\nEOF' });
    expect(heredoc('echo hi\n', { expand: true })).toEqual({ marker: 'EOF', redirect: '<<EOF', body: 'echo hi\nEOF' });
    expect(heredoc('')).toEqual({ marker: 'EOF', redirect: "<<'EOF'", body: 'EOF' });
  });
  it('picks a marker that occurs nowhere in the script', () => {
    expect(heredoc('cat <<EOF\nx\nEOF').marker).toBe('EOF_1');
    expect(heredoc('EOF EOF_1 EOF_2').marker).toBe('EOF_3');
  });
  it('rejects NUL', () => {
    expect(codeOf(() => heredoc('a\0'))).toBe('DW_QUOTE_NUL');
  });
  it('rejects a carriage return, which docker would not keep (the script would not be verbatim)', () => {
    expect(codeOf(() => heredoc('x\r\nEOF\r\n'))).toBe('DW_QUOTE_CARRIAGE_RETURN');
    expect(codeOf(() => heredoc('a\rb'))).toBe('DW_QUOTE_CARRIAGE_RETURN');
  });
});

describe('comment', () => {
  it('prefixes every line', () => {
    expect(comment('hello')).toBe('# hello');
    expect(comment('a\n\nb\r\nc\rd')).toBe('# a\n#\n# b\n# c\n# d');
    expect(comment('RUN evil \\')).toBe('# RUN evil \\');
  });
  it('never starts with a directive-looking line', () => {
    expect(comment('syntax=evil/frontend')).toBe('#\n# syntax=evil/frontend');
    expect(comment(' escape = `\nx')).toBe('#\n#  escape = `\n# x');
    expect(comment('note\ncheck=skip=all')).toBe('# note\n# check=skip=all');
  });
});
