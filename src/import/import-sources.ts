/**
 * Dockerfiles (already read) → definition files (not yet written): each is parsed and mapped,
 * all are verified against what `gen` accepts, then emitted. Images imported together know each
 * other, so a FROM naming one becomes a reference.
 */
import type { ImportWarning } from './definition-model.js';
import { emitDefinition } from './emit-definition.js';
import { ImportError } from './import-error.js';
import { mapDockerfile } from './map-dockerfile.js';
import { parseDockerfile } from './parse-dockerfile.js';
import { verifyImport } from './verify-import.js';

export interface DockerfileSource {
  /** The Dockerfile's path as shown to the user (relative to the working directory). */
  readonly file: string;
  /** Image name (a docker name); the definition file is `<name>.ts`. */
  readonly name: string;
  readonly text: string;
  /** Build context folder relative to the project root. */
  readonly context?: string | undefined;
  readonly copyList?: readonly { readonly src: string; readonly dest: string }[];
}

export interface ImportedDefinition {
  readonly name: string;
  /** `<name>.ts` */
  readonly fileName: string;
  readonly source: string;
  readonly text: string;
}

export interface ImportOutcome {
  readonly definitions: readonly ImportedDefinition[];
  readonly warnings: readonly ImportWarning[];
}

export async function importSources(
  sources: readonly DockerfileSource[],
  args: Readonly<Record<string, string>> = {},
  buildContexts: Readonly<Record<string, string>> = {},
): Promise<ImportOutcome> {
  const names = new Set<string>();
  for (const s of sources) {
    if (!s.name) throw new ImportError(`${s.file}: cannot derive an image name from the path (give --name)`);
    if (names.has(s.name))
      throw new ImportError(
        `two Dockerfiles would both become the image "${s.name}" (${sources
          .filter((x) => x.name === s.name)
          .map((x) => x.file)
          .join(', ')})`,
      );
    names.add(s.name);
  }
  const warnings: ImportWarning[] = [];
  const used = new Set<string>();
  const mapped = sources.map((s) => {
    const m = mapDockerfile(parseDockerfile(s.text), {
      name: s.name,
      file: s.file,
      args,
      images: names,
      context: s.context,
      copyList: s.copyList ?? [],
      buildContexts,
    });
    warnings.push(...m.warnings);
    m.usedArgs.forEach((a) => used.add(a));
    return m.image;
  });
  for (const key of Object.keys(args)) {
    if (!used.has(key)) warnings.push({ file: `--arg ${key}`, message: 'no imported Dockerfile declares this ARG; ignored' });
  }
  const verified = await verifyImport(mapped);
  warnings.push(...verified.warnings);
  const definitions = verified.images.map((image) => ({
    name: image.name,
    fileName: `${image.name}.ts`,
    source: image.source,
    text: emitDefinition(image),
  }));
  return { definitions, warnings: sortWarnings(warnings) };
}

/** By file, then line, in the order found otherwise. */
const sortWarnings = (warnings: readonly ImportWarning[]): ImportWarning[] =>
  warnings
    .map((w, i) => ({ w, i }))
    .sort((a, b) =>
      a.w.file === b.w.file
        ? (a.w.line ?? 0) - (b.w.line ?? 0) || a.i - b.i
        : a.w.file.startsWith('--')
          ? 1
          : b.w.file.startsWith('--')
            ? -1
            : a.w.file < b.w.file
              ? -1
              : 1,
    )
    .map(({ w }) => w);
