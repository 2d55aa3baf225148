/** Which `--build-arg`s of the command line an image takes. Pure. */
import { isAmbientArg } from '../compile/predefined-args.js';
import type { ImageModel } from '../model/resolved.js';
import type { BuildArg } from './image-build.js';

/** The ARG names an image declares: image-level args and every `arg` step of every stage. */
export const declaredArgs = (image: ImageModel): Set<string> =>
  new Set([...Object.keys(image.args), ...image.stages.flatMap((s) => s.steps.flatMap((st) => (st.kind === 'arg' ? [st.name] : [])))]);

/** `K=V` → `{ name: K, value: V }`; `K` alone → `{ name: K }` (docker reads the value from its environment). */
export const parseBuildArg = (arg: string): BuildArg => {
  const eq = arg.indexOf('=');
  return eq < 0 ? { name: arg } : { name: arg.slice(0, eq), value: arg.slice(eq + 1) };
};

/** The command line's build args an image takes: those it declares and those docker defines itself (proxies, BUILDKIT_*). */
export const argsFor = (image: ImageModel, buildArgs: readonly BuildArg[]): BuildArg[] => {
  const declared = declaredArgs(image);
  return buildArgs.filter((a) => declared.has(a.name) || isAmbientArg(a.name));
};
