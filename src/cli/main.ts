/**
 * `dockwright …`: runs one command and returns its exit code; never exits the process. Called
 * by bin/dockwright.js without a context (then SIGINT/SIGTERM abort the context's signal, and a
 * second signal terminates as usual) or in-process by tests with their own context.
 */
import { formatTiming, phaseDone, resetTiming, timingWanted } from '../timing.js';
import { processContext, type CliContext } from './context.js';

export async function main(argv: readonly string[], ctx?: CliContext): Promise<number> {
  let detach = (): void => undefined;
  if (!ctx) {
    const controller = new AbortController();
    const onSignal = (signal: NodeJS.Signals): void => {
      detach();
      controller.abort(new Error(`received ${signal}`));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    detach = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    };
    ctx = processContext(controller.signal);
  }
  resetTiming();
  phaseDone('start (node and the CLI bundle)');
  try {
    // a `build` where nothing changed answers from its snapshot, before any heavy module loads
    if (argv.includes('build')) {
      const place = { argv, cwd: ctx.cwd, env: ctx.env };
      // the fast path's own bundle (dist/bundle/fast.js): one module
      const { answerFromSnapshot } = await import('../runner/fast-build.js');
      // the runner's side (dist/bundle/fast-run.js, one module too) loads while the digests are computed
      const loadRunner = (): void => void import('../runner/fast-run.js').then((m) => m.loadBuildRunner()).catch(() => undefined);
      const answer = await answerFromSnapshot(place, ctx, loadRunner);
      if ('done' in answer) return answer.done;
      if (!('full' in answer)) {
        const { runDecided, tryFastBuild } = await import('../runner/fast-run.js');
        if ('build' in answer) return await runDecided(place, answer.build, ctx);
        const fast = await tryFastBuild(place, ctx);
        if (fast !== undefined) return fast;
      }
    }
    // a `gen` whose inputs did not change replays its last output (the generated files are what it would write)
    if (argv.includes('gen') && !argv.includes('build')) {
      const [{ existsSync }, { snapshotPath }] = await Promise.all([import('node:fs'), import('../io/snapshot-key.js')]);
      if (existsSync(snapshotPath(argv, ctx, 'fast-gen').file)) {
        const { replayableGen } = await import('../io/gen-snapshot.js');
        const replay = await replayableGen({ argv, cwd: ctx.cwd, env: ctx.env });
        if (replay !== undefined) {
          phaseDone('gen replayed from its snapshot');
          ctx.stderr.write(replay.stderr);
          ctx.stdout.write(replay.stdout);
          return 0;
        }
      }
    }
    const { createProgram } = await import('./program.js');
    await createProgram(ctx).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (err) {
    const { handleError } = await import('./handle-error.js');
    return handleError(err, ctx);
  } finally {
    detach();
    const context = ctx ?? processContext();
    if (timingWanted(context.env)) {
      phaseDone('end');
      context.stderr.write(formatTiming());
    }
  }
}
