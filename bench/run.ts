/**
 * `npm run bench [scenario…]`: dockwright against `docker buildx bake` (on the bake file dockwright
 * exports) and a sequential `docker build` loop, on the FATE-like graph, in one run on this
 * machine; every figure is printed with its ratio to the reference and its goal. Scenarios:
 * cold, noop, leaf, base, single, hashing, gen, watch, fresh (all by default; fresh starts its own
 * registry and two dockerds: it needs root and docker-registry). BENCH_ROUNDS sets the rounds of
 * the graph scenarios (default 5); BENCH_COLD_ROUNDS those of the cold one (default 3; each prunes
 * the build cache and installs packages again); single, gen and hashing take at most 3.
 *
 * dockwright is timed as the process a user runs: `node bin/dockwright.js` on dist/, compiled
 * first (tsc, then the bundle: `npm run build`), like bake and docker are timed as processes. Cold runs prune the whole
 * build cache of the engine (`docker builder prune -af`). Every image and temp folder made here
 * is removed at the end; results are also written to bench/results/<time>.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { docker, nodeStart, timed } from './support/exec.js';
import { createProject, repoRoot, type BenchProject } from './support/project.js';
import { formatFigure, verdict, type Figure } from './support/report.js';
import { baseChanged, coldBuild, leafChanged, noopBuild } from './scenarios/graph-builds.js';
import { genMany } from './scenarios/gen-many.js';
import { hashing } from './scenarios/hashing.js';
import { singleImage } from './scenarios/single-image.js';
import { leafAgainstBare } from './scenarios/leaf-bare.js';
import { watchRebuild } from './scenarios/watch.js';
import { freshMachine } from './scenarios/fresh-machine.js';

const ALL = ['cold', 'noop', 'leaf', 'base', 'single', 'hashing', 'gen', 'watch', 'fresh'] as const;
type Scenario = (typeof ALL)[number];

const rounds = Number(process.env.BENCH_ROUNDS ?? '5') || 5;
const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !(ALL as readonly string[]).includes(a));
if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')}; the scenarios are: ${ALL.join(', ')}`);
const chosen = (asked.length > 0 ? asked : ALL) as readonly Scenario[];
const needsGraph = chosen.some((s) => ['cold', 'noop', 'leaf', 'base', 'single'].includes(s));

const say = (text: string): void => void process.stdout.write(`${text}\n`);

async function main(): Promise<void> {
  say('dockwright benchmark');
  say(
    `  machine: ${availableParallelism()} CPUs; docker ${(await docker(['version', '--format', '{{.Client.Version}} client, {{.Server.Version}} engine'])).stdout}; ${(await docker(['buildx', 'version'])).stdout}`,
  );
  const node = await nodeStart();
  say(
    `  node ${process.version} starts in ${(node.seconds * 1000).toFixed(0)} ms${node.withoutExtraCerts !== undefined ? ` (${(node.withoutExtraCerts * 1000).toFixed(0)} ms without NODE_EXTRA_CA_CERTS, which is set here)` : ''}: every dockwright run pays it`,
  );
  say('  compiling dist/ and the CLI bundle (npm run build) so that bin/dockwright.js runs the current code…');
  await timed('npx', ['tsc', '-p', 'tsconfig.build.json'], repoRoot).catch((err: unknown) => {
    // tsc reports type errors but still emits; only a missing dist is fatal
    say(`  (tsc reported problems: ${String(err).split('\n')[0]})`);
  });
  // bin/dockwright.js runs the bundle (dist/bundle), made from the sources by its own step
  await timed('node', ['scripts/bundle.mjs'], repoRoot);
  const runId = `dwbench-${Date.now().toString(36)}`;
  const figures: Figure[] = [];
  const show = (f: Figure): void => {
    figures.push(f);
    say(formatFigure(f));
  };
  let project: BenchProject | undefined;
  try {
    if (needsGraph) {
      project = await createProject(runId);
      say(`  graph: ${project.targets.length} images from ${project.source}`);
      say(`  project: ${project.root}\n`);
      // the cold run also leaves every tool with a built graph for the warm scenarios
      if (chosen.includes('cold')) show(await coldBuild(project, Number(process.env.BENCH_COLD_ROUNDS ?? '3') || 3));
      if (chosen.includes('noop')) show(await noopBuild(project, rounds));
      if (chosen.includes('leaf')) {
        show(await leafChanged(project, rounds));
        show(await leafAgainstBare(project, rounds));
      }
      if (chosen.includes('base')) show(await baseChanged(project, rounds));
      if (chosen.includes('single')) {
        show(await singleImage(project, 'eggroll', Math.min(rounds, 3)));
        show(await singleImage(project, 'base-image', Math.min(rounds, 3)));
      }
    }
    if (chosen.includes('hashing')) show(await hashing(rounds));
    if (chosen.includes('gen')) show(await genMany(Math.min(rounds, 3)));
    if (chosen.includes('watch')) show(await watchRebuild(runId, rounds));
    if (chosen.includes('fresh')) show(await freshMachine(runId, rounds));
  } finally {
    await project?.cleanup();
  }
  const failed = figures.filter((f) => verdict(f) === 'FAIL').length;
  say(`\n${figures.length} figures, ${figures.filter((f) => verdict(f) === 'pass').length} goals met, ${failed} missed`);
  const out = join(repoRoot, 'bench', 'results');
  await mkdir(out, { recursive: true });
  await writeFile(join(out, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}

await main();
