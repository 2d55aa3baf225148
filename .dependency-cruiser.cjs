/**
 * The layers of src/, checked by `npm test` (docs/architecture.md describes them).
 * Pure folders take their inputs as values and touch nothing; side effects live at the edges:
 * engine/ (docker: processes and its socket), io/ (files, git), runner/ (orchestration, logs,
 * contexts), cli/ (commands).
 */
const PURE = '^src/(model|ir|compile|render|plan|api|errors|incremental)/';
const EFFECTS = ['^(node:)?(fs|fs/promises|child_process|http|https|net)$', '^execa$'];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'no runtime import cycle',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only', 'type-import'] } },
    },
    {
      name: 'cli-is-the-top',
      severity: 'error',
      comment: 'nothing outside cli/ imports cli/',
      from: { pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'commands-do-not-import-commands',
      severity: 'error',
      comment: 'an action parses its options and calls library code; it never imports another action',
      from: { path: '^src/cli/actions/' },
      to: { path: '^src/cli/actions/' },
    },
    {
      name: 'pure-folders-have-no-effects',
      severity: 'error',
      comment: 'pure folders import no fs, process or network module',
      from: { path: PURE },
      to: { path: EFFECTS },
    },
    {
      name: 'docker-only-through-engine',
      severity: 'error',
      comment:
        'execa is imported by the engine port (docker) and the prerequisite runner only (io/git-info asks git through node:child_process)',
      from: { pathNot: '^src/(engine/|runner/inputs/prerequisite\\.ts)' },
      to: { path: '^execa$' },
    },
    {
      name: 'plan-is-below-the-edges',
      severity: 'error',
      comment: 'the plan is made from the model; it never asks the engine, the files or the runner',
      from: { path: '^src/(plan|compile|model|ir|render|api|errors)/' },
      to: { path: '^src/(engine|io|runner|incremental|cli|check|import)/' },
    },
    {
      name: 'incremental-is-below-the-runner',
      severity: 'error',
      comment: 'input digests and verdicts know nothing of how builds run',
      from: { path: '^src/incremental/' },
      to: { path: '^src/(runner|cli)/' },
    },
    {
      name: 'engine-is-an-edge',
      severity: 'error',
      comment: 'the engine port serves the others',
      from: { path: '^src/engine/' },
      to: { path: '^src/(runner|incremental|io|cli)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
