/**
 * The shape of an imported image as `image({…})` and `stage(…)` arguments, shared by the emitter
 * (which writes it) and the verifier (which evaluates it): one place decides which fields exist.
 */
import { ex, type Expr, type ImportedImage, type ImportedStage, type ImportedStep, type ObjectEntry } from './definition-model.js';

/** An entry of the `image({…})` object; `steps` are written one per line with their comments. */
export type SpecEntry = ObjectEntry | { readonly key: 'steps'; readonly steps: readonly ImportedStep[] };

/** One unnamed stage (named `main` on import) that does not start from a stage: `image({ from, steps })`. */
export const isSingleStage = (image: ImportedImage): boolean =>
  image.stages.length === 1 && image.stages[0]?.name === 'main' && image.stages[0].from.kind !== 'stage-ref';

/** The second argument of `stage(name, { from, platform }, steps)`. */
export const stageOptions = (s: ImportedStage): Expr =>
  ex.obj({ from: s.from, platform: s.platform === undefined ? undefined : ex.str(s.platform) });

export function imageEntries(image: ImportedImage): SpecEntry[] {
  const stage0 = image.stages[0];
  const entries: SpecEntry[] = [{ key: 'name', value: ex.str(image.name) }];
  if (image.syntax !== undefined) entries.push({ key: 'syntax', value: ex.str(image.syntax) });
  if (image.escape !== undefined) entries.push({ key: 'escape', value: ex.str(image.escape) });
  if (image.args.length > 0) {
    entries.push({
      key: 'args',
      value: {
        kind: 'object',
        entries: image.args.map((a) => ({
          key: a.name,
          value: a.forRun
            ? ex.obj({ default: a.default === undefined ? undefined : ex.value(a.default), forRun: ex.bool(true) })
            : a.default === undefined
              ? ex.obj({})
              : ex.value(a.default),
          comments: a.comments,
        })),
      },
    });
  }
  if (image.context !== undefined) entries.push({ key: 'context', value: ex.str(image.context) });
  const contexts = Object.entries(image.buildContexts ?? {});
  if (contexts.length > 0)
    entries.push({ key: 'buildContexts', value: ex.obj(Object.fromEntries(contexts.map(([k, v]) => [k, ex.str(v)]))) });
  if (image.copyList.length > 0) {
    entries.push({
      key: 'inputs',
      value: ex.obj({ copyList: ex.arr(image.copyList.map((c) => ex.obj({ src: ex.str(c.src), dest: ex.str(c.dest) }))) }),
    });
  }
  if (isSingleStage(image) && stage0) {
    entries.push({ key: 'from', value: stage0.from });
    if (stage0.platform !== undefined) entries.push({ key: 'platform', value: ex.str(stage0.platform) });
    entries.push({ key: 'steps', steps: stage0.steps });
  } else {
    entries.push({ key: 'stages', value: ex.arr(image.stages.map((s) => ({ kind: 'stage-ref', stage: s.name }))) });
  }
  return entries;
}
