import { QuoteError } from './quote-error.js';
import {
  DEFAULT_ESCAPE,
  assertNotBlank,
  assertOneLine,
  endsWithEscape,
  trimSpace,
  trimStartSpace,
  type EscapeChar,
} from './text-checks.js';
import { scanShell } from './shell-scan.js';

/** Options for shell-form commands. */
export interface ShellOptions {
  /** The Dockerfile's escape character (default `\`): the one that would continue the line. */
  readonly escape?: EscapeChar;
}

/** Word separators: Go's `unicode.IsSpace` and JavaScript's `\s` (a superset of both is the safe side). */
const WORDS = /[\s\u0085]+/u;
/**
 * A word that starts a heredoc: BuildKit matches `^\d*<<-?[^<]*$` (non-empty rest), dockerfile-ast
 * any `<<…`. Rejected more broadly: any word starting with `<<` (after digits) but not `<<<`, since a
 * heredoc in a one-line command can never have a body anyway.
 */
const HEREDOC_WORD = /^\d*<<(?!<)/;
/** Indentation of continuation lines in {@link joinShellCommands}. */
const CONTINUATION = '    && ';

function withoutEscapes(text: string, escape: EscapeChar): string {
  return text.split(escape).join('');
}

function isJsonArray(cmd: string): boolean {
  const trimmed = trimSpace(cmd);
  if (!trimmed.startsWith('[')) return false;
  try {
    JSON.parse(trimmed);
    return true;
  } catch {
    return false;
  }
}

function hasHeredocWord(cmd: string, escape: EscapeChar): boolean {
  return cmd.split(WORDS).some((w) => HEREDOC_WORD.test(w) || HEREDOC_WORD.test(withoutEscapes(w, escape)));
}

/**
 * A shell-form command for RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD, checked and returned
 * unchanged (Docker hands the text to the shell as written). Rejected, because Docker would read
 * something other than one shell command:
 * - a line break (`DW_QUOTE_NEWLINE`): use `heredoc()` or {@link joinShellCommands};
 * - a blank command (`DW_QUOTE_EMPTY`);
 * - a trailing escape character, even before spaces (`DW_QUOTE_TRAILING_ESCAPE`): it would pull the
 *   next instruction into this one;
 * - a leading `--` (`DW_QUOTE_FLAG_LIKE`): BuildKit would parse `--network=host …` as a flag;
 * - a valid JSON array (`DW_QUOTE_JSON_LIKE`): Docker would switch to exec form (`[ -f x ]` is fine);
 * - a word starting with `<<` (`DW_QUOTE_HEREDOC`): with a delimiter the following Dockerfile
 *   lines would become a heredoc body; without one it is a heredoc with no body (`<<<` here-strings
 *   are fine);
 * - NUL or lone surrogates.
 *
 * Note: Docker trims whitespace around the command, as Go's `unicode.IsSpace` defines it (so also
 * a leading or trailing NBSP, U+0085, U+3000…), before handing it to the shell.
 */
export function shellCommand(cmd: string, opts: ShellOptions = {}): string {
  const escape = opts.escape ?? DEFAULT_ESCAPE;
  const subject = 'shell command';
  assertOneLine(subject, cmd, 'a single line (use heredoc() for a script, joinShellCommands() for several commands)');
  assertNotBlank(subject, cmd);
  if (endsWithEscape(cmd, escape)) {
    throw new QuoteError(
      'DW_QUOTE_TRAILING_ESCAPE',
      subject,
      cmd,
      `ends with the escape character ${escape}, which would continue the instruction on the next line`,
      `a command that does not end with ${escape}`,
    );
  }
  if (withoutEscapes(trimStartSpace(cmd), escape).startsWith('--')) {
    throw new QuoteError(
      'DW_QUOTE_FLAG_LIKE',
      subject,
      cmd,
      'starts with "--", which BuildKit reads as an instruction flag',
      'a command that does not start with "--"',
    );
  }
  if (isJsonArray(cmd)) {
    throw new QuoteError(
      'DW_QUOTE_JSON_LIKE',
      subject,
      cmd,
      'is a JSON array, which Docker runs in exec form without a shell',
      'a shell command (use jsonArray() for exec form)',
    );
  }
  if (hasHeredocWord(cmd, escape)) {
    throw new QuoteError(
      'DW_QUOTE_HEREDOC',
      subject,
      cmd,
      'contains a heredoc operator ("<<WORD"), which would take the next Dockerfile lines as its body',
      'a command without "<<WORD" (use heredoc() for a script)',
    );
  }
  return cmd;
}

/**
 * Several shell commands as one RUN: `a \` newline `    && b` … (the escape character ends each
 * line but the last). Each command is checked by {@link shellCommand}; in addition, because Docker
 * joins the lines into one shell line, a command may not leave a quote open, and no command but
 * the last may end in a `#` comment, which would silently swallow the commands after it.
 */
export function joinShellCommands(cmds: readonly string[], opts: ShellOptions = {}): string {
  const escape = opts.escape ?? DEFAULT_ESCAPE;
  if (cmds.length === 0) throw new QuoteError('DW_QUOTE_EMPTY', 'command list', '', 'is empty', 'at least one command');
  cmds.forEach((cmd, i) => {
    shellCommand(cmd, opts);
    const scan = scanShell(cmd);
    if (scan.openQuote !== null) {
      throw new QuoteError(
        'DW_QUOTE_SHELL_QUOTE',
        'shell command',
        cmd,
        `leaves a ${scan.openQuote} quote open, which would run into the next command`,
        'balanced quotes',
      );
    }
    if (scan.comment && i < cmds.length - 1) {
      throw new QuoteError(
        'DW_QUOTE_SHELL_COMMENT',
        'shell command',
        cmd,
        'ends in a "#" comment, which would swallow the commands joined after it',
        'a command without a trailing comment (or make it the last one)',
      );
    }
  });
  return cmds.map((cmd, i) => (i === 0 ? cmd : CONTINUATION + cmd)).join(` ${escape}\n`);
}
