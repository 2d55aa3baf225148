import type { FileFlags } from './copy-node.js';
import type { Located } from './model-path.js';

/** `ADD [--checksum] [--keep-git-dir] [--chown] [--chmod] [--link] [--exclude]… SRC… DEST`. */
export interface AddNode extends FileFlags, Located {
  readonly kind: 'add';
  readonly sources: readonly string[];
  readonly dest: string;
  readonly checksum?: string | undefined;
  readonly keepGitDir?: boolean | undefined;
}
