/** How many images a command works on at once. */
import { availableParallelism } from 'node:os';

/** Builds at once when neither `--parallel` nor the `parallel` setting says: BuildKit parallelises inside each build too. */
export const defaultParallel = (): number => Math.max(1, Math.min(4, availableParallelism()));

/** Images at once for `build`, `push` and `test`: `--parallel`, else the `parallel` setting, else {@link defaultParallel}. */
export const parallelOf = (flag: number | undefined, settings: { readonly parallel?: number | undefined }): number =>
  flag ?? settings.parallel ?? defaultParallel();
