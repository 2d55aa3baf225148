/**
 * Issue 15: `dockwright watch`, from a saved context file to its image rebuilt (the `✓ app built`
 * line; `--no-test`, default debounce), against a bare `docker buildx build` of that image (the
 * argv of `build app --no-deps --json`, run through the docker CLI as a user types it; the watch
 * runs the buildx plugin itself, see src/engine/buildx-plugin.ts) after the same kind of change. A
 * small busybox project of its own (base → app), so that the figure is the watch's own cost over
 * the build: noticing the change, the settle before a burst's first run (10 ms; it does not wait
 * for the burst to end), the input digests, rendering, starting the build. Both sides are timed
 * from this process, by events (the watch's stdout line, the bare build's exit), nothing polled;
 * each side's change is content no build has seen, so that both run the `COPY` and the `RUN` (the
 * same text on both sides made the bare build a full cache hit of the watch's). The bare build runs in a copy of the project, so that the watch does not see its changes.
 */
import { cp, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { median, timed } from '../support/exec.js';
import { cli, removeImages } from '../support/project.js';
import type { Figure } from '../support/report.js';

const DEFINITIONS = `import { copy, image, run } from 'dockwright';
export const base = image({ name: 'base', from: 'busybox:stable', context: 'ctx/base', steps: [copy('.', '/base/'), run('ls /base')] });
export const app = image({ name: 'app', from: base, context: 'ctx/app', steps: [copy('.', '/app/'), run('cat /app/main.sh')] });
`;

async function write(root: string, rel: string, text: string): Promise<void> {
  await mkdir(dirname(join(root, rel)), { recursive: true });
  await writeFile(join(root, rel), text);
}

export async function watchRebuild(runId: string, n: number): Promise<Figure> {
  const namespace = `${runId}-watch`;
  // content no build has seen, on either side: the same text would let the second build take the
  // first one's COPY and RUN from BuildKit's cache (the base's layers are the same in every run)
  const fresh = (side: string, round: number): string => `echo ${runId} ${side} ${round}\n`;
  const root = await mkdtemp(join(tmpdir(), 'dockwright-bench-watch-'));
  const bareRoot = `${root}-bare`;
  await write(
    root,
    'dockwright.config.ts',
    `import { defineConfig } from 'dockwright';\nexport default defineConfig({ namespace: '${namespace}', tag: 'dev' });\n`,
  );
  await write(root, 'definitions/images.ts', DEFINITIONS);
  await write(root, 'ctx/base/lib.sh', 'echo base\n');
  await write(root, 'ctx/app/main.sh', 'echo 0\n');
  const watch = execa('node', [cli, 'watch', 'app', '--no-test'], { cwd: root, reject: false, stdin: 'ignore' });
  let out = '';
  const waiting: (() => void)[] = [];
  watch.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
    waiting.forEach((w) => w());
  });
  const lineAfter = (from: number, re: RegExp): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`watch printed no ${re} in 120 s:\n${out}`)), 120_000);
      const check = (): void => {
        if (!re.test(out.slice(from))) return;
        clearTimeout(timer);
        waiting.splice(waiting.indexOf(check), 1);
        resolve();
      };
      waiting.push(check);
      check();
    });
  try {
    await lineAfter(0, /✓ app built/);
    const plan = JSON.parse((await timed('node', [cli, 'build', 'app', '--no-deps', '--json'], root)).output) as {
      builds: { command: { argv: string[] } }[];
    };
    const argv = plan.builds[0]?.command.argv ?? [];
    await cp(root, bareRoot, { recursive: true });
    const dw: number[] = [];
    const noticed: number[] = [];
    const bare: number[] = [];
    for (let r = 1; r <= n; r++) {
      const from = out.length;
      const start = performance.now();
      await writeFile(join(root, 'ctx/app/main.sh'), fresh('watch', r));
      await lineAfter(from, /changed: ctx\/app\/main\.sh/);
      noticed.push((performance.now() - start) / 1000);
      await lineAfter(from, /✓ app built/);
      dw.push((performance.now() - start) / 1000);
      await writeFile(join(bareRoot, 'ctx/app/main.sh'), fresh('bare', r));
      bare.push((await timed('docker', argv, bareRoot)).seconds);
    }
    return {
      scenario: `watch: a saved context file to its image rebuilt (\`watch app --no-test\`, default debounce) vs bare docker buildx build (median of ${n})`,
      seconds: { 'dockwright watch': median(dw), 'docker buildx build': median(bare) },
      samples: { 'dockwright watch': dw, 'docker buildx build': bare },
      reference: 'docker buildx build',
      goal: { tool: 'dockwright watch', maxRatio: 1.3 },
      note: `of which the change noticed and settled (the run starts, the burst line printed): ${median(noticed).toFixed(3)} s`,
    };
  } finally {
    watch.kill('SIGINT');
    await watch;
    await removeImages(namespace);
    await rm(root, { recursive: true, force: true });
    await rm(bareRoot, { recursive: true, force: true });
  }
}
