/**
 * The renderer's one quoting module: every user string that reaches a Dockerfile goes through a
 * function here, which either returns text Docker reads back as exactly that string in exactly the
 * intended instruction, or throws a {@link QuoteError}. Pure functions, no I/O.
 */
export { QuoteError, type QuoteErrorCode } from './quote/quote-error.js';
export type { EscapeChar } from './quote/text-checks.js';
export { jsonArray } from './quote/exec-form.js';
export { keyValue, pathArray, variableName, word, type KeyValueOptions, type WordOptions } from './quote/values.js';
export { flag, mountFlag, token, type TokenOptions } from './quote/token.js';
export { globFlag, type GlobFlagOptions } from './quote/glob-flag.js';
export { joinShellCommands, shellCommand, type ShellOptions } from './quote/shell-command.js';
export { heredoc, type Heredoc, type HeredocOptions } from './quote/heredoc.js';
export { comment } from './quote/comment.js';
