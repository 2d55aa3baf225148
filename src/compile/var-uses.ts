/**
 * Which values of an IR node have their variables expanded, and by whom:
 * - `docker`: the builder expands them (Dockerfile reference, "Environment replacement": ADD COPY
 *   ENV EXPOSE FROM LABEL STOPSIGNAL USER VOLUME WORKDIR, plus ARG defaults and RUN --mount options
 *   in BuildKit). LABEL keys are written literally by the quoting module, so only values count;
 *   COPY/ADD `--exclude` patterns are not expanded (moby/buildkit#6072) and never hold a `$`.
 * - `shell`: RUN shell form and heredoc scripts: `/bin/sh` expands them, with build ARGs and ENV in
 *   its environment.
 * - `process`: values that only see ARGs through the process environment (exec-form RUN argv, which
 *   may start a shell) and raw text dockwright does not parse: they count for ARG scoping but are
 *   never checked.
 * Not listed: CMD, ENTRYPOINT, HEALTHCHECK (run in the container, where build ARGs do not exist),
 * SHELL (JSON, not expanded), comments, and ONBUILD triggers (expanded in the child build).
 */
import { fieldPath, visit, type IrNode, type IrVisitor, type ModelPath } from '../ir/index.js';

export type Expander = 'docker' | 'shell' | 'process';

export interface VarUse {
  readonly text: string;
  readonly expander: Expander;
  readonly path: ModelPath;
}

type Use = VarUse;
const none = (): Use[] => [];

const uses: IrVisitor<Use[]> = {
  from: (n) => [
    { text: n.image, expander: 'docker', path: fieldPath(n, 'image') },
    ...(n.platform ? [{ text: n.platform, expander: 'docker' as const, path: fieldPath(n, 'platform') }] : []),
  ],
  arg: (n) => (n.default === undefined ? [] : [{ text: n.default, expander: 'docker', path: fieldPath(n, 'default') }]),
  run: (n) => {
    const mounts = n.mounts.flatMap((m, i) =>
      m.options.flatMap((o) =>
        o.key === 'from' ? [] : [{ text: o.value, expander: 'docker' as const, path: fieldPath(n, 'mounts', i, o.field) }],
      ),
    );
    const b = n.body;
    const body: Use[] =
      b.form === 'shell'
        ? b.commands.map((text, i) => ({ text, expander: 'shell', path: fieldPath(n, 'body', 'commands', i) }))
        : b.form === 'heredoc'
          ? [{ text: b.script, expander: 'shell', path: fieldPath(n, 'body', 'script') }]
          : b.argv.map((text, i) => ({ text, expander: 'process', path: fieldPath(n, 'body', 'argv', i) }));
    return [...mounts, ...body];
  },
  copy: (n) => fileUses(n),
  add: (n) => fileUses(n),
  env: (n) => n.vars.map(([k, text]) => ({ text, expander: 'docker', path: fieldPath(n, 'vars', k) })),
  label: (n) => n.labels.map(([k, text]) => ({ text, expander: 'docker', path: fieldPath(n, 'labels', k) })),
  workdir: (n) => [{ text: n.dir, expander: 'docker', path: fieldPath(n, 'dir') }],
  user: (n) => [
    { text: n.user, expander: 'docker', path: fieldPath(n, 'user') },
    ...(n.group ? [{ text: n.group, expander: 'docker' as const, path: fieldPath(n, 'group') }] : []),
  ],
  volume: (n) => n.paths.map((text, i) => ({ text, expander: 'docker', path: fieldPath(n, 'paths', i) })),
  stopsignal: (n) => [{ text: n.signal, expander: 'docker', path: fieldPath(n, 'signal') }],
  raw: (n) => [{ text: n.text, expander: 'process', path: fieldPath(n, 'text') }],
  expose: none,
  entrypoint: none,
  cmd: none,
  healthcheck: none,
  shell: none,
  onbuild: none,
  comment: none,
};

function fileUses(n: Extract<IrNode, { kind: 'copy' | 'add' }>): Use[] {
  const d = (text: string, path: ModelPath): Use => ({ text, expander: 'docker', path });
  return [
    ...n.sources.map((s, i) => d(s, fieldPath(n, 'sources', i))),
    d(n.dest, fieldPath(n, 'dest')),
    ...(n.chown ? [d(n.chown, fieldPath(n, 'chown'))] : []),
    ...(n.chmod ? [d(n.chmod, fieldPath(n, 'chmod'))] : []),
  ];
}

/** The values of `node` whose variables are expanded at build time in this Dockerfile. */
export const varUses = (node: IrNode): VarUse[] => visit(node, uses);
