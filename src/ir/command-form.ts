/** What CMD, ENTRYPOINT and HEALTHCHECK CMD run: exec form (JSON array) or shell form (one line). */
export type CommandForm =
  { readonly form: 'exec'; readonly argv: readonly string[] } | { readonly form: 'shell'; readonly command: string };
