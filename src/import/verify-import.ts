/**
 * The imported images, built with the real API and run through what `gen` does before writing
 * (resolve, lower, variable and frontend checks, quoting, rendering; lint excepted): a step `gen`
 * would reject is turned back into `raw(…)` of the instruction as written, with the reason, so
 * `import` then `gen` works on any Dockerfile. Problems no step explains are reported.
 */
import { image as makeImage, stage as makeStage } from '../api/image.js';
import { resolveImages, type LoadedDefinitions } from '../compile/resolve-images.js';
import { synthImage } from '../compile/synth-image.js';
import { DefinitionError, formatPath, type Problem } from '../errors/definition-error.js';
import { readTemplates } from '../io/read-templates.js';
import type { ImageModel } from '../model/resolved.js';
import { SettingsSchema } from '../model/settings.js';
import { primaryRef } from '../plan/tags.js';
import { createRenderer, type Renderer } from '../render/index.js';
import { ex, type ImportedImage, type ImportedStep, type ImportWarning } from './definition-model.js';
import { evaluate, type RefValues } from './evaluate-expr.js';
import { imageEntries, stageOptions } from './image-spec.js';

const ROUNDS = 5;

/** The image objects the definitions would export, built in an order where image references resolve. */
function buildObjects(images: readonly ImportedImage[]): Map<string, unknown> {
  const built = new Map<string, unknown>();
  const building = new Set<string>();
  const build = (img: ImportedImage): unknown => {
    const done = built.get(img.name);
    if (done !== undefined) return done;
    building.add(img.name);
    const stages = new Map<string, unknown>();
    const refs: RefValues = {
      stage: (name) => stages.get(name),
      image: (name) => {
        const other = images.find((i) => i.name === name);
        return other && !building.has(name) ? build(other) : makeImage({ name, from: 'scratch', steps: [] });
      },
    };
    for (const s of img.stages)
      stages.set(
        s.name,
        makeStage(s.name, evaluate(stageOptions(s), refs) as never, s.steps.map((st) => evaluate(st.expr, refs)) as never),
      );
    const spec = Object.fromEntries(
      imageEntries(img).map((en) => [en.key, 'steps' in en ? en.steps.map((st) => evaluate(st.expr, refs)) : evaluate(en.value, refs)]),
    );
    const obj = makeImage(spec as never);
    building.delete(img.name);
    built.set(img.name, obj);
    return obj;
  };
  images.forEach(build);
  return built;
}

async function problemsOf(images: readonly ImportedImage[], renderer: Renderer): Promise<Problem[]> {
  const objects = buildObjects(images);
  const loaded: LoadedDefinitions[] = images.map((i) => ({ file: i.source, exports: [objects.get(i.name)] }));
  let models: ImageModel[];
  try {
    models = resolveImages(loaded);
  } catch (err) {
    if (err instanceof DefinitionError) return [...err.problems];
    throw err;
  }
  const settings = SettingsSchema.parse({});
  const byId = new Map(models.map((m) => [m.id, m]));
  const ctx = {
    images: byId as ReadonlyMap<string, ImageModel>,
    primaryRef: (id: string): string => primaryRef(byId.get(id) as ImageModel, settings),
    version: (m: ImageModel): string | undefined => m.version ?? settings.version,
  };
  return models.flatMap((m) => [...synthImage(m, ctx, renderer).problems]);
}

/** The step a problem's path points into (`stages[1].steps[3]…`), as [stage index, step index]. */
const stepOf = (p: Problem): [number, number] | undefined => {
  const [s, i, t, j] = p.path ?? [];
  return s === 'stages' && typeof i === 'number' && t === 'steps' && typeof j === 'number' ? [i, j] : undefined;
};

const asRaw = (step: ImportedStep, reason: string): ImportedStep => ({
  ...step,
  expr: ex.call('raw', ex.str(step.source ?? '')),
  notModelled: reason,
});

export async function verifyImport(images: readonly ImportedImage[]): Promise<{ images: ImportedImage[]; warnings: ImportWarning[] }> {
  const renderer = await createRenderer(await readTemplates());
  let current = [...images];
  const warnings: ImportWarning[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const problems = await problemsOf(current, renderer);
    let changed = false;
    const leftover: Problem[] = [];
    current = current.map((img) => {
      const mine = problems.filter((p) => p.file === img.source);
      const stages = img.stages.map((s, i) => ({
        ...s,
        steps: s.steps.map((step, j) => {
          const hit = mine.find((p) => stepOf(p)?.[0] === i && stepOf(p)?.[1] === j);
          if (!hit || step.source === undefined || step.notModelled !== undefined) return step;
          changed = true;
          const reason = `gen would reject it: ${hit.message}`;
          warnings.push({ file: img.source, line: step.line, message: `not modelled: ${reason} (kept as raw)` });
          return asRaw(step, reason);
        }),
      }));
      leftover.push(
        ...mine.filter((p) => {
          const at = stepOf(p);
          const step = at ? img.stages[at[0]]?.steps[at[1]] : undefined;
          return !step || step.source === undefined || step.notModelled !== undefined;
        }),
      );
      return { ...img, stages };
    });
    if (!changed) {
      warnings.push(
        ...leftover.map((p) => ({
          file: p.file,
          message: `gen will report: ${[p.image, formatPath(p.path)].filter(Boolean).join(' › ')}: ${p.message}`,
        })),
      );
      break;
    }
  }
  return { images: current, warnings };
}
