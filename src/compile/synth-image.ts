/**
 * The one call `gen` makes per image: lower, check, build the view, render. Pure apart from the
 * renderer it is given. Returns the files (paths relative to the output folder) and every problem
 * found; files are only returned when the image has no problem.
 */
import type { Problem } from '../errors/definition-error.js';
import type { DockerfileIr } from '../ir/index.js';
import type { ImageModel } from '../model/resolved.js';
import { buildDockerignoreView, buildView } from '../render/view/build-view.js';
import { ViewError } from '../render/view/view-error.js';
import type { Renderer } from '../render/renderer.js';
import { checkFrontend } from './check-frontend.js';
import { findVariables } from './check-variables.js';
import { NO_CONTEXT_IGNORE, ignoreFileLines, type ContextIgnore } from './context-ignore.js';
import { lowerImage, type LowerContext } from './lower-image.js';

export interface SynthFile {
  /**
   * Relative to the output folder: `<image.dir>/Dockerfile`, `<image.dir>/Dockerfile.dockerignore`
   * (BuildKit reads `<Dockerfile>.dockerignore` beside the file given with `-f`; a `.dockerignore`
   * there would be ignored, since the build context is elsewhere).
   */
  readonly path: string;
  readonly content: string;
}

export interface SynthResult {
  readonly files: readonly SynthFile[];
  readonly problems: readonly Problem[];
  /** What is rendered but probably not meant (a variable nothing defines on an external base…). */
  readonly warnings: readonly Problem[];
  /** The lowered Dockerfile, for callers that inspect it (tests, lint). */
  readonly ir: DockerfileIr;
}

const shorten = (value: string): string => JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);

/** A value the quoting module refused, as a problem located in the definition. */
const quoteProblems = (image: ImageModel, error: ViewError): Problem[] =>
  error.failures.map(({ path, error: e }) => ({
    file: image.file,
    image: image.id,
    path,
    message: `${e.subject} ${e.problem} (${e.code})`,
    given: shorten(e.value),
    expected: e.expected,
  }));

function versionProblems(image: ImageModel, ctx: LowerContext): Problem[] {
  if (ctx.version(image) !== undefined) return [];
  return Object.entries(image.args)
    .filter(([, spec]) => spec.fromVersion && spec.default === undefined)
    .map(([name]) => ({
      file: image.file,
      image: image.id,
      path: ['args', name, 'fromVersion'],
      message: `ARG ${name} takes the image's version, but the image has none`,
      expected: 'a `version` on the image or in the settings, or a `default` for the ARG',
    }));
}

/** Image ARGs the lowering declared nowhere: no FROM, instruction or other ARG uses them. */
function unusedArgs(image: ImageModel, ir: DockerfileIr): Problem[] {
  const placed = new Set(
    [...ir.globalArgs, ...ir.stages.flatMap((s) => s.instructions)].flatMap((n) =>
      n.kind === 'arg' && n.modelPath[0] === 'args' ? [n.name] : [],
    ),
  );
  return Object.keys(image.args)
    .filter((name) => !placed.has(name))
    .map((name) => ({
      file: image.file,
      image: image.id,
      path: ['args', name],
      message:
        `ARG ${name} is used nowhere (no \${${name}} in a FROM, an instruction or another ARG), so it is not declared in the Dockerfile; ` +
        `if RUN commands read it from their environment, declare it { default: …, forRun: true }, else remove it`,
    }));
}

/** `contextIgnore`: the context's own ignore file and dockwright's folders inside it (src/compile/context-ignore.ts). */
export function synthImage(
  image: ImageModel,
  ctx: LowerContext,
  renderer: Renderer,
  contextIgnore: ContextIgnore = NO_CONTEXT_IGNORE,
): SynthResult {
  const ir = lowerImage(image, ctx);
  const variables = findVariables(image, ir, ctx.images);
  const problems: Problem[] = [...versionProblems(image, ctx), ...variables.errors, ...checkFrontend(image, ir)];
  const warnings: Problem[] = [...variables.warnings, ...unusedArgs(image, ir)];
  const files: SynthFile[] = [];
  try {
    const dockerfile = `${image.dir}/Dockerfile`;
    files.push({ path: dockerfile, content: renderer.render(buildView(ir)) });
    const ignoreLines = ignoreFileLines(image, contextIgnore);
    if (ignoreLines !== undefined) {
      files.push({
        path: `${dockerfile}.dockerignore`,
        content: renderer.renderDockerignore(buildDockerignoreView(ignoreLines, ir.header)),
      });
    }
  } catch (error) {
    if (!(error instanceof ViewError)) throw error;
    problems.push(...quoteProblems(image, error));
  }
  return { files: problems.length > 0 ? [] : files, problems, warnings, ir };
}
