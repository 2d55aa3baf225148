/**
 * Golden compile cases: `test/unit/compile/cases/<case>/definition.ts` default-exports a
 * {@link CompileCase}; `expected.Dockerfile` holds what `synthImage` renders for it.
 * Regenerate with `npx tsx scripts/update-compile-golden.ts`. Used by that script and by the tests
 * (test/unit/compile), so it lives here: scripts never import from test/.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import type { LowerContext } from '../src/compile/lower-image.js';
import { synthImage, type SynthResult } from '../src/compile/synth-image.js';
import { readTemplates } from '../src/io/read-templates.js';
import type { ImageModel } from '../src/model/resolved.js';
import { createRenderer, type Renderer } from '../src/render/index.js';

export interface CompileCase {
  /** The image rendered. */
  readonly image: ImageModel;
  /** The other images of the project (parents). */
  readonly images?: readonly ImageModel[];
  /** The project's version setting. */
  readonly version?: string;
}

export const CASES_DIR = fileURLToPath(new URL('../test/unit/compile/cases/', import.meta.url));

export const caseNames = (): string[] =>
  readdirSync(CASES_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

export async function loadCase(name: string): Promise<CompileCase> {
  const mod = (await import(pathToFileURL(path.join(CASES_DIR, name, 'definition.ts')).href)) as { default: CompileCase };
  return mod.default;
}

/** The lowering context of compiler tests: parents are `registry.test/<dir>:1.0`. */
export function lowerContext(images: readonly ImageModel[] = [], version?: string): LowerContext {
  return {
    images: new Map(images.map((i) => [i.id, i])),
    primaryRef: (id) => `registry.test/${id.replace(/:/g, '-')}:1.0`,
    version: (image) => image.version ?? version,
  };
}

let renderer: Promise<Renderer> | undefined;
/** The renderer over the built-in templates (read once). */
export const builtinRenderer = (): Promise<Renderer> => (renderer ??= readTemplates().then(createRenderer));

export async function synthCase(c: CompileCase): Promise<SynthResult> {
  const ctx = lowerContext([c.image, ...(c.images ?? [])], c.version);
  return synthImage(c.image, ctx, await builtinRenderer());
}

/** The rendered Dockerfile of a case; throws with the problems when there are any. */
export async function dockerfileOf(c: CompileCase): Promise<string> {
  const out = await synthCase(c);
  const file = out.files.find((f) => f.path.endsWith('/Dockerfile'));
  if (out.problems.length > 0 || !file)
    throw new Error(`problems:\n${out.problems.map((p) => `${p.path?.join('.')}: ${p.message}`).join('\n')}`);
  return file.content;
}
