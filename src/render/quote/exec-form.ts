import { assertWritable } from './text-checks.js';

/**
 * An exec-form argument list, `["a", "b"]`, for RUN, CMD, ENTRYPOINT, SHELL and HEALTHCHECK CMD.
 *
 * Docker decodes it with a JSON parser and passes the strings to the process unchanged: no shell,
 * no variable expansion, no escape-character processing. Any string round-trips: quotes,
 * backslashes, `$`, unicode, and line breaks (written as `\n`, so the instruction stays on one
 * line). A `<` followed by `<` is written `\u003c`, so no reader that splits the line on spaces
 * (dockerfile-ast, older BuildKit heredoc detection) can mistake `" <<EOF"` for a heredoc.
 * Rejected: NUL (cannot be a process argument) and lone surrogates (not encodable).
 * An empty list gives `[]`.
 */
export function jsonArray(items: readonly string[]): string {
  for (const item of items) assertWritable('exec-form argument', item);
  return `[${items.map((item) => JSON.stringify(item).replace(/<(?=<)/g, '\\u003c')).join(', ')}]`;
}
