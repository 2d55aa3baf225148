/**
 * `ImageModel` literals for compiler tests, type-checked against the model contract, without the
 * resolver: `imageModel({ id: 'app', stages: [stageModel('main', external('busybox:stable'), [run('true')])] })`.
 */
import type { InstructionOf } from '../../../src/model/instruction.js';
import type {
  CopyModel,
  FromModel,
  ImageModel,
  InstructionModel,
  MountModel,
  RunModel,
  SourceModel,
  StageModel,
} from '../../../src/model/resolved.js';

export const external = (ref: string): SourceModel => ({ kind: 'external', ref });
export const imageRef = (id: string): SourceModel => ({ kind: 'image', id });
export const stageRef = (name: string): SourceModel => ({ kind: 'stage', name });
export const contextRef = (name: string): SourceModel => ({ kind: 'context', name });
export const scratch: FromModel = { kind: 'scratch' };

export const stageModel = (name: string, from: FromModel, steps: readonly InstructionModel[] = [], platform?: string): StageModel => ({
  name,
  from,
  steps,
  ...(platform === undefined ? {} : { platform }),
});

type Fields = Partial<Omit<ImageModel, 'id' | 'stages'>>;

/** An image with the schema's defaults; `name`, `dir`, `file` and `target` follow from `id` and `stages`. */
export function imageModel(spec: { id: string; stages: readonly StageModel[] } & Fields): ImageModel {
  const { id, stages, ...rest } = spec;
  const name = id.split(':')[0] ?? id;
  return {
    id,
    name,
    dir: id.replace(/:/g, '-'),
    file: `definitions/${name}.ts`,
    groups: [],
    push: true,
    tagSet: 'module',
    args: {},
    escape: '\\',
    context: '.',
    buildContexts: {},
    secrets: [],
    ssh: [],
    inputs: { fetch: [], copyList: [], prerequisites: [] },
    target: stages[stages.length - 1]?.name ?? 'main',
    stages,
    ...rest,
  };
}

/** An image ARG as the schema outputs it. */
export const argSpec = (defaultValue?: string, fromVersion = false): ImageModel['args'][string] => ({
  default: defaultValue,
  description: undefined,
  fromVersion,
});

/** A LowerContext over `images`: refs are `registry.test/<id with : → ->>:1.0`. */
/** The lowering context of compiler tests (shared with scripts/update-compile-golden.ts). */
export { lowerContext } from '../../../scripts/compile-cases.js';

// Steps, as the resolver outputs them.
export const run = (commands: string | readonly string[], extra: Partial<Omit<RunModel, 'kind' | 'body'>> = {}): RunModel => ({
  kind: 'run',
  body: { form: 'shell', commands: typeof commands === 'string' ? [commands] : [...commands] },
  mounts: [],
  ...extra,
});
export const runExec = (argv: readonly string[], mounts: readonly MountModel[] = []): RunModel => ({
  kind: 'run',
  body: { form: 'exec', argv: [...argv] },
  mounts,
});
export const runScript = (script: string, mounts: readonly MountModel[] = []): RunModel => ({
  kind: 'run',
  body: { form: 'heredoc', script },
  mounts,
});
export const copy = (
  sources: string | readonly string[],
  dest: string,
  extra: Partial<Omit<CopyModel, 'kind' | 'sources' | 'dest'>> = {},
): CopyModel => ({ kind: 'copy', sources: typeof sources === 'string' ? [sources] : [...sources], dest, ...extra });
export const add = (
  sources: string | readonly string[],
  dest: string,
  extra: Partial<Omit<InstructionOf<'add'>, 'kind' | 'sources' | 'dest'>> = {},
): InstructionOf<'add'> => ({ kind: 'add', sources: typeof sources === 'string' ? [sources] : [...sources], dest, ...extra });
export const env = (vars: Record<string, string>): InstructionOf<'env'> => ({ kind: 'env', vars });
export const arg = (name: string, defaultValue?: string): InstructionOf<'arg'> => ({
  kind: 'arg',
  name,
  ...(defaultValue === undefined ? {} : { default: defaultValue }),
});
export const workdir = (path: string): InstructionOf<'workdir'> => ({ kind: 'workdir', path });
export const label = (labels: Record<string, string>): InstructionOf<'label'> => ({ kind: 'label', labels });
export const comment = (text: string): InstructionOf<'comment'> => ({ kind: 'comment', text });
