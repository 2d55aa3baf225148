/**
 * A parsed Dockerfile → the definition model of one image. Global ARGs become image `args`; a
 * stage's `ARG X` that only redeclares a global one is dropped (`gen` redeclares image args where
 * they are used); any other stage ARG stays an `arg()` step where it was. Comments right above a
 * FROM or a global ARG document that stage or arg; other comments become `comment()` steps.
 */
import { ex, type Expr, type ImportedArg, type ImportedImage, type ImportedStep, type ImportWarning } from './definition-model.js';
import { instructionProblem } from './evaluate-expr.js';
import { ImportError } from './import-error.js';
import { mapInstruction, propertyValue, type MapContext } from './map-instruction.js';
import { NotModelled } from './not-modelled.js';
import { toDockerName } from './names.js';
import type { ParsedDockerfile, ParsedInstruction } from './parse-dockerfile.js';

export interface MapOptions {
  /** The image name (a docker name). */
  readonly name: string;
  /** The Dockerfile as the user named it, for warnings. */
  readonly file: string;
  /** `--arg KEY=VALUE`: defaults for the ARGs of these names. */
  readonly args?: Readonly<Record<string, string>>;
  /** Names of the images imported in the same run: a FROM or --from naming one becomes a reference. */
  readonly images?: ReadonlySet<string>;
  readonly context?: string | undefined;
  readonly copyList?: readonly { readonly src: string; readonly dest: string }[];
  /** `--build-context NAME=DIR`: a `--from` / `from=` naming one becomes `namedContext(NAME)`. */
  readonly buildContexts?: Readonly<Record<string, string>>;
}

export interface MappedDockerfile {
  readonly image: ImportedImage;
  readonly warnings: readonly ImportWarning[];
  /** The `--arg` keys this Dockerfile declares. */
  readonly usedArgs: ReadonlySet<string>;
}

/** The image a reference names when it is one of `images`: `registry/ns/base-image:tag` → `base-image`. */
export const matchImage = (ref: string, images: ReadonlySet<string>, self: string): string | undefined => {
  const repo = ref.split('@')[0] ?? '';
  const last = repo.split('/').at(-1) ?? '';
  const name = last.split(':')[0]?.toLowerCase() ?? '';
  return name !== self && images.has(name) ? name : undefined;
};

/** `ARG NAME="value"` for one variable of a multi-variable ARG line. */
const argLine = (name: string, value: string | null, escape: string): string =>
  value === null ? `ARG ${name}` : `ARG ${name}="${value.replace(/["\\`]/g, (c) => (c === '"' || c === escape ? `${escape}${c}` : c))}"`;

/** Instructions whose variables the builder expands in this stage (CMD, ENTRYPOINT, HEALTHCHECK run later; ONBUILD in the child). */
const usedIn = (steps: readonly ParsedInstruction[], name: string): boolean =>
  steps.some((i) => !['CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'ONBUILD'].includes(i.keyword) && new RegExp(`\\$\\{?${name}\\b`).test(i.text));

const stageNames = (froms: readonly ParsedInstruction[], file: string, warn: (line: number, m: string) => void): string[] => {
  const used = new Set<string>();
  const wanted = froms.map((f, i) => {
    const original = f.from?.stage;
    if (original === undefined) return undefined;
    const name = toDockerName(original) || `stage-${i}`;
    if (name !== original.toLowerCase()) warn(f.line, `stage name "${original}" became "${name}" (${file})`);
    return name;
  });
  return wanted.map((w, i) => {
    let name = w ?? (i === froms.length - 1 && !wanted.includes('main') ? 'main' : `stage-${i}`);
    for (let n = 2; used.has(name); n += 1) name = `${w ?? `stage-${i}`}-${n}`;
    used.add(name);
    return name;
  });
};

export function mapDockerfile(parsed: ParsedDockerfile, opts: MapOptions): MappedDockerfile {
  const warnings: ImportWarning[] = [];
  const warn = (line: number | undefined, message: string): void => void warnings.push({ file: opts.file, line, message });
  const overrides = opts.args ?? {};
  const usedArgs = new Set<string>();
  const images = opts.images ?? new Set<string>();

  let syntax: string | undefined;
  for (const d of parsed.directives) {
    if (d.name === 'syntax') syntax = d.value;
    else if (d.name !== 'escape') warn(d.line, `not modelled: parser directive "${d.name}=${d.value}" (left out of the definition)`);
  }

  const froms = parsed.instructions.filter((i) => i.keyword === 'FROM');
  if (froms.length === 0) throw new ImportError(`${opts.file}: no FROM instruction`);
  const names = stageNames(froms, opts.file, warn);
  const byRef = new Map<string, string>();
  froms.forEach((f, i) => {
    const name = names[i] ?? '';
    byRef.set(String(i), name);
    if (f.from?.stage) byRef.set(f.from.stage.toLowerCase(), name);
  });
  const contexts = opts.buildContexts ?? {};
  const usedContexts = new Map<string, string>();
  let line = 0;
  const ctx: MapContext = {
    escape: parsed.escape,
    source: (ref) => {
      const stage = byRef.get(ref.toLowerCase());
      if (stage !== undefined) return { kind: 'stage-ref', stage };
      const dir = contexts[ref];
      if (dir !== undefined) {
        usedContexts.set(ref, dir);
        return ex.call('namedContext', ex.str(ref));
      }
      const image = matchImage(ref, images, opts.name);
      if (image) return { kind: 'image-ref', image };
      if (!/[:/@.]/.test(ref))
        warn(
          line,
          `"${ref}" is no stage: read as the external image ${ref}:latest; if it is a named build context, import with --build-context ${ref}=<folder>`,
        );
      return ex.call('externalImage', ex.str(ref));
    },
  };

  // The instructions of each stage, to see which variables it uses.
  const stageSteps: ParsedInstruction[][] = [];
  for (const ins of parsed.instructions) {
    if (ins.keyword === 'FROM') stageSteps.push([]);
    else stageSteps.at(-1)?.push(ins);
  }

  const args: ImportedArg[] = [];
  const globals = new Set<string>();
  const header: string[] = [];
  const stages: { name: string; from: Expr; platform?: string | undefined; comments: string[]; steps: ImportedStep[] }[] = [];
  const early: ImportedStep[] = [];
  const current = (): ImportedStep[] => stages.at(-1)?.steps ?? early;
  const commentStep = (line: number, text: string): ImportedStep => ({ expr: ex.call('comment', ex.str(text)), line, comments: [] });
  const defaultOf = (name: string, value: string | null): string | undefined => {
    if (overrides[name] !== undefined) usedArgs.add(name);
    // a --build-arg value is text: docker does not expand it
    return overrides[name]?.replaceAll('$', '$$$$') ?? value ?? undefined;
  };

  const step = (ins: ParsedInstruction): ImportedStep => {
    try {
      const expr = mapInstruction(ins, ctx);
      const problem = instructionProblem(expr);
      if (problem) throw new NotModelled(problem);
      return { expr, line: ins.line, comments: ins.innerComments, source: ins.text };
    } catch (e) {
      if (!(e instanceof NotModelled)) throw e;
      warn(ins.line, `not modelled: ${e.message} (kept as raw)`);
      return { expr: ex.call('raw', ex.str(ins.text)), line: ins.line, comments: ins.innerComments, notModelled: e.message };
    }
  };

  const commentLines = new Set(parsed.comments.map((c) => c.line));
  let pending = [...parsed.comments];
  for (const ins of parsed.instructions) {
    line = ins.line;
    const before = pending.filter((c) => c.line < ins.line);
    pending = pending.filter((c) => c.line >= ins.line);
    let firstAttached = ins.line;
    while (commentLines.has(firstAttached - 1) && before.some((c) => c.line === firstAttached - 1)) firstAttached -= 1;
    const loose = before.filter((c) => c.line < firstAttached);
    const attached = before.filter((c) => c.line >= firstAttached).map((c) => c.text);
    if (stages.length === 0) header.push(...loose.map((c) => c.text));
    else current().push(...loose.map((c) => commentStep(c.line, c.text)));

    if (ins.keyword === 'FROM') {
      const i = stages.length;
      const image = ins.from?.image ?? '';
      if (!image) throw new ImportError(`${opts.file}:${ins.line}: FROM without an image`);
      const earlier = byRef.get(image.toLowerCase());
      const isEarlierStage = earlier !== undefined && names.indexOf(earlier) < i && !/^\d+$/.test(image);
      const matched = matchImage(image, images, opts.name);
      const from: Expr = isEarlierStage
        ? { kind: 'stage-ref', stage: earlier }
        : matched
          ? { kind: 'image-ref', image: matched }
          : ex.str(image);
      const platform = ins.flags.find((f) => f.name === 'platform')?.value ?? undefined;
      for (const f of ins.flags)
        if (f.name !== 'platform') warn(ins.line, `not modelled: FROM flag --${f.name} (left out of the definition)`);
      stages.push({ name: names[i] ?? `stage-${i}`, from, platform, comments: attached, steps: i === 0 ? [...early] : [] });
      continue;
    }
    if (ins.keyword === 'ARG' && stages.length === 0) {
      ins.properties.forEach((p, k) => {
        globals.add(p.name);
        const existing = args.findIndex((a) => a.name === p.name);
        const arg = { name: p.name, default: defaultOf(p.name, propertyValue(p, parsed.escape)), comments: k === 0 ? attached : [] };
        if (existing >= 0) args.splice(existing, 1, arg);
        else args.push(arg);
      });
      continue;
    }
    if (stages.length === 0) header.push(...attached);
    else current().push(...attached.map((text, k) => commentStep(firstAttached + k, text)));
    if (stages.length === 0) warn(ins.line, `${ins.keyword} before the first FROM: moved into the first stage`);
    if (ins.keyword === 'ARG') {
      for (const p of ins.properties) {
        const global = args.find((a) => a.name === p.name);
        if (global && (p.value === null || propertyValue(p, parsed.escape) === global.default)) {
          const steps = stageSteps[stages.length - 1] ?? [];
          if (!usedIn(steps, p.name) && steps.some((i) => i.keyword === 'RUN')) {
            // no $X in the stage: its RUNs read X from their environment (DEBIAN_FRONTEND)
            args.splice(args.indexOf(global), 1, { ...global, forRun: true });
          }
          continue;
        }
        if (global) {
          const reason = `ARG ${p.name}=${p.value ?? ''} gives the image ARG ${p.name} another default in this stage`;
          warn(ins.line, `not modelled: ${reason} (kept as raw)`);
          const text = ins.properties.length === 1 ? ins.text : argLine(p.name, p.value, parsed.escape);
          current().push({ expr: ex.call('raw', ex.str(text)), line: ins.line, comments: [], notModelled: reason });
          continue;
        }
        const value = defaultOf(p.name, propertyValue(p, parsed.escape));
        current().push({
          expr: ex.call('arg', ex.str(p.name), ...(value === undefined ? [] : [ex.value(value)])),
          line: ins.line,
          comments: [],
          source: ins.properties.length === 1 ? ins.text : argLine(p.name, p.value, parsed.escape),
        });
      }
      continue;
    }
    current().push(step(ins));
  }
  stages.at(-1)?.steps.push(...pending.map((c) => commentStep(c.line, c.text)));

  // a global ARG nothing uses any more (it only served a FROM that became an image reference)
  const fromTexts = stages.map((st) => (st.from.kind === 'string' ? st.from.value : ''));
  const used = (a: ImportedArg): boolean =>
    a.forRun === true ||
    usedIn(
      parsed.instructions.filter((i) => i.keyword !== 'FROM' && i.line > (froms[0]?.line ?? 0)),
      a.name,
    ) ||
    fromTexts.some((t) => new RegExp(`\\$\\{?${a.name}\\b`).test(t)) ||
    args.some((o) => o !== a && new RegExp(`\\$\\{?${a.name}\\b`).test(o.default ?? ''));
  const servedFrom = (a: ImportedArg): boolean => froms.some((f) => new RegExp(`\\$\\{?${a.name}\\b`).test(f.from?.image ?? ''));
  const unusedArgs = args.filter((a) => !used(a) && servedFrom(a));
  for (const a of unusedArgs) {
    const line = parsed.instructions.find((i) => i.keyword === 'ARG' && i.properties.some((p) => p.name === a.name))?.line;
    warn(
      line,
      `ARG ${a.name} is used by nothing the definition keeps (a FROM that became an image reference) (left out of the definition)`,
    );
  }
  const keptArgs = args.filter((a) => !unusedArgs.includes(a));

  return {
    image: {
      name: opts.name,
      source: opts.file,
      syntax,
      escape: parsed.escape === '`' ? '`' : undefined,
      args: keptArgs,
      stages,
      context: opts.context && opts.context !== '.' ? opts.context : undefined,
      copyList: opts.copyList ?? [],
      buildContexts: Object.fromEntries(usedContexts),
      headerComments: header,
    },
    warnings,
    usedArgs,
  };
}
