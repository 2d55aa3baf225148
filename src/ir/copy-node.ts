import type { Located } from './model-path.js';

/** Flags COPY and ADD share. */
export interface FileFlags {
  readonly chown?: string | undefined;
  readonly chmod?: string | undefined;
  readonly link?: boolean | undefined;
  readonly exclude?: readonly string[] | undefined;
}

/** `COPY [--from=NAME] [--chown] [--chmod] [--link] [--parents] [--exclude]… SRC… DEST`. */
export interface CopyNode extends FileFlags, Located {
  readonly kind: 'copy';
  readonly sources: readonly string[];
  readonly dest: string;
  /** A stage name, an alias stage or a named context. */
  readonly from?: string | undefined;
  readonly parents?: boolean | undefined;
}
