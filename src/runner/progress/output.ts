/** Where progress, summaries and messages are written: a stream or a test's capture. */
export interface Output {
  write(text: string): void;
  /** True when this is an interactive terminal (live progress view). */
  readonly isTTY?: boolean;
}
