/** `apt-lists-cleanup`: `apt-get update` leaves ~40 MB of package lists in the layer unless removed in the same RUN. */
import type { RunModel } from '../../../model/resolved.js';
import type { LintRule } from '../rule.js';
import { runScripts } from '../run-scripts.js';
import { commandArgv, simpleCommands } from '../shell-commands.js';
import { stepsOfKind } from '../stage-chain.js';

const LISTS = '/var/lib/apt/lists';
const CACHE_TARGETS = [LISTS, '/var/cache/apt'];

const underAny = (path: string, roots: readonly string[]): boolean => roots.some((r) => path === r || path.startsWith(`${r}/`));

/** A cache (or tmpfs) mount over the apt lists or cache keeps them out of the layer. */
const mountsAptDirs = (run: RunModel): boolean =>
  run.mounts.some((m) => (m.type === 'cache' || m.type === 'tmpfs') && underAny(m.target.replace(/\/+$/, ''), CACHE_TARGETS));

export const aptListsCleanup: LintRule<'apt-lists-cleanup'> = {
  id: 'apt-lists-cleanup',
  description: 'A RUN with `apt-get install` that does not `rm -rf /var/lib/apt/lists/*` (and has no cache mount on the apt folders).',
  defaultSeverity: 'warning',
  check(image, ctx) {
    return stepsOfKind(image, ctx, 'run', true).flatMap(({ step, path, shell }) => {
      if (mountsAptDirs(step)) return [];
      const commands = runScripts(step, shell).flatMap((script) =>
        simpleCommands(script.tokens).map((c) => ({ script, argv: commandArgv(c) })),
      );
      const install = commands.find(({ argv }) => (argv[0] === 'apt-get' || argv[0] === 'apt') && argv.slice(1).includes('install'));
      const cleaned = commands.some(({ argv }) => argv[0] === 'rm' && argv.slice(1).some((a) => underAny(a.replace(/\/\*$/, ''), [LISTS])));
      if (!install || cleaned) return [];
      return [
        {
          path: [...path, ...install.script.path],
          message:
            `this RUN installs apt packages but keeps the package lists in the layer: end the same RUN with "rm -rf ${LISTS}/*", ` +
            `or mount a cache on it (mounts: [cacheMount('${LISTS}', { sharing: 'locked' }), cacheMount('/var/cache/apt', { sharing: 'locked' })])`,
          given: install.argv.join(' '),
          expected: `rm -rf ${LISTS}/* in the same RUN`,
        },
      ];
    });
  },
};
