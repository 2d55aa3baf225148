/**
 * What templates receive: ready strings only. Every instruction is complete text (possibly over
 * several lines, continuation characters included); templates only lay lines out.
 */
export interface DockerfileView {
  /** Parser directive lines (`# syntax=…`, `# escape=…`). */
  readonly directives: readonly string[];
  /** Single-line texts for the header partial. */
  readonly header: { readonly file: string; readonly image: string };
  /** `ARG` instructions before the first FROM. */
  readonly globalArgs: readonly string[];
  /** Each stage's instructions, its FROM first. */
  readonly stages: readonly { readonly lines: readonly string[] }[];
}

export interface DockerignoreView {
  readonly header: DockerfileView['header'];
  /** One pattern per line, as written. */
  readonly lines: readonly string[];
}
