/**
 * Features the Dockerfile frontend built into Docker 26 (BuildKit 0.13, dockerfile 1.7) rejects
 * (checked on the engine: "unknown flag: parents", "unknown flag: exclude", "unknown flag:
 * security", "unexpected key 'env'"): they need a newer or labs frontend, chosen with the image's
 * `syntax` (`docker/dockerfile:1-labs` has them all). Nothing is pulled implicitly, so using one
 * without `syntax` is a problem, not a silently added `# syntax=` line.
 */
import type { Problem } from '../errors/definition-error.js';
import { fieldPath, type DockerfileIr, type InstructionNode, type ModelPath } from '../ir/index.js';
import type { ImageModel } from '../model/resolved.js';

interface Feature {
  readonly what: string;
  readonly path: ModelPath;
}

function features(node: InstructionNode): Feature[] {
  switch (node.kind) {
    case 'copy':
    case 'add':
      return [
        ...(node.kind === 'copy' && node.parents ? [{ what: 'COPY --parents', path: fieldPath(node, 'parents') }] : []),
        ...(node.exclude?.length ? [{ what: `${node.kind.toUpperCase()} --exclude`, path: fieldPath(node, 'exclude') }] : []),
      ];
    case 'run':
      return [
        ...node.mounts.flatMap((m, i) =>
          m.type === 'secret' && m.options.some((o) => o.key === 'env')
            ? [{ what: 'RUN --mount=type=secret,env=…', path: fieldPath(node, 'mounts', i, 'env') }]
            : [],
        ),
        ...(node.security ? [{ what: 'RUN --security', path: fieldPath(node, 'security') }] : []),
      ];
    case 'onbuild':
      return features(node.trigger);
    default:
      return [];
  }
}

export function checkFrontend(image: ImageModel, ir: DockerfileIr): Problem[] {
  if (ir.directives.syntax !== undefined) return [];
  return ir.stages
    .flatMap((s) => s.instructions.flatMap(features))
    .map((f) => ({
      file: image.file,
      image: image.id,
      path: f.path,
      message: `${f.what} needs a newer Dockerfile frontend than the one built into the engine: set the image's \`syntax\``,
      expected: "syntax: 'docker/dockerfile:1-labs' (the builder must be able to pull it or have it cached)",
    }));
}
