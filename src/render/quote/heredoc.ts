import { QuoteError } from './quote-error.js';
import { assertWritable } from './text-checks.js';

/** A script ready to be laid out as `RUN <redirect>` newline `<body>`. */
export interface Heredoc {
  /** The delimiter, e.g. `EOF` or `EOF_2`. */
  readonly marker: string;
  /** What follows the keyword (and flags): `<<'EOF'`, or `<<EOF` with `expand`. */
  readonly redirect: string;
  /** The script, ending with a newline, then the marker line (no newline after it). */
  readonly body: string;
}

export interface HeredocOptions {
  /**
   * `false` (default): the delimiter is quoted (`<<'EOF'`), so BuildKit does not expand build args
   * or ENV in the body. `true`: `<<EOF`, BuildKit expands them (matters for COPY; a RUN script is
   * run by the shell, which expands its own `$VAR` at run time either way).
   */
  readonly expand?: boolean;
}

/**
 * A heredoc for RUN, COPY or ADD. The body is copied verbatim (Docker does not apply escapes,
 * comments or line continuation inside it); a final newline is added when missing. The marker is
 * the first of `EOF`, `EOF_1`, `EOF_2`, … that does not occur anywhere in the script, so no line can
 * end the heredoc early, whatever line-ending or tab-stripping rules a parser applies. Rejected:
 * NUL, lone surrogates and carriage returns (BuildKit reads the Dockerfile line by line and drops
 * them, so the script would not be verbatim).
 */
export function heredoc(script: string, opts: HeredocOptions = {}): Heredoc {
  assertWritable('heredoc script', script);
  if (script.includes('\r')) {
    throw new QuoteError(
      'DW_QUOTE_CARRIAGE_RETURN',
      'heredoc script',
      script,
      'contains a carriage return (CRLF line endings?), which docker would not keep',
      String.raw`"\n" line endings (script.replace(/\r\n/g, "\n"))`,
    );
  }
  let marker = 'EOF';
  for (let n = 1; script.includes(marker); n += 1) marker = `EOF_${n}`;
  const text = script === '' || script.endsWith('\n') ? script : `${script}\n`;
  return { marker, redirect: opts.expand === true ? `<<${marker}` : `<<'${marker}'`, body: `${text}${marker}` };
}
