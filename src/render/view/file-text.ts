/**
 * COPY, ADD and VOLUME. Paths are written space-separated when every one is a bare word
 * (`COPY a b /dest/`), else in JSON form (`COPY ["my file", "/dest/"]`), which is the only form
 * BuildKit does not split at spaces. Flags in a fixed order:
 *   COPY --from --chown --chmod --link --parents --exclude…
 *   ADD  --checksum --keep-git-dir --chown --chmod --link --exclude…
 * Boolean flags are written only when true (false is Docker's default). `--exclude` patterns are
 * written as given ({@link globFlag}): BuildKit expands no variables in them.
 */
import { fieldPath, type AddNode, type CopyNode, type ModelPath, type VolumeNode } from '../../ir/index.js';
import { flag, globFlag, pathArray, word } from '../quote.js';
import type { Quoting } from './quoting.js';

/** The paths as written after the flags. */
export function pathsText(q: Quoting, values: readonly string[], paths: readonly ModelPath[], whole: ModelPath): string {
  const words = values.map((v, i) => q.at(paths[i] ?? whole, () => word(v, { escape: q.escape, expand: true })));
  if (words.every((w) => w !== '' && !w.startsWith('"'))) return words.join(' ');
  return q.at(whole, () => pathArray(values, { escape: q.escape, expand: true }));
}

const onOff = (q: Quoting, name: string, on: boolean | undefined, path: ModelPath): string[] => (on ? [q.at(path, () => flag(name))] : []);

const valued = (q: Quoting, name: string, value: string | undefined, path: ModelPath, expand = true): string[] =>
  value === undefined ? [] : [q.at(path, () => flag(name, value, { expand }))];

function fileFlags(n: CopyNode | AddNode, q: Quoting): string[] {
  return [
    ...valued(q, 'chown', n.chown, fieldPath(n, 'chown')),
    ...valued(q, 'chmod', n.chmod, fieldPath(n, 'chmod')),
    ...onOff(q, 'link', n.link, fieldPath(n, 'link')),
    ...(n.kind === 'copy' ? onOff(q, 'parents', n.parents, fieldPath(n, 'parents')) : []),
    ...(n.exclude ?? []).map((p, i) => q.at(fieldPath(n, 'exclude', i), () => globFlag('exclude', p, { escape: q.escape }))),
  ];
}

function sourcesAndDest(n: CopyNode | AddNode, q: Quoting): string {
  const values = [...n.sources, n.dest];
  const paths = [...n.sources.map((_, i) => fieldPath(n, 'sources', i)), fieldPath(n, 'dest')];
  return pathsText(q, values, paths, n.modelPath);
}

export const copyText = (n: CopyNode, q: Quoting): string =>
  ['COPY', ...valued(q, 'from', n.from, fieldPath(n, 'from'), false), ...fileFlags(n, q), sourcesAndDest(n, q)].join(' ');

export const addText = (n: AddNode, q: Quoting): string =>
  [
    'ADD',
    ...valued(q, 'checksum', n.checksum, fieldPath(n, 'checksum')),
    ...onOff(q, 'keep-git-dir', n.keepGitDir, fieldPath(n, 'keepGitDir')),
    ...fileFlags(n, q),
    sourcesAndDest(n, q),
  ].join(' ');

export const volumeText = (n: VolumeNode, q: Quoting): string =>
  `VOLUME ${pathsText(
    q,
    n.paths,
    n.paths.map((_, i) => fieldPath(n, 'paths', i)),
    fieldPath(n, 'paths'),
  )}`;
