/**
 * Runs an imported expression through the real authoring helpers and validates the result with
 * the model's zod schema, so the importer only writes calls that `gen` will accept.
 */
import * as api from '../api/instructions.js';
import * as mounts from '../api/mounts.js';
import { image, stage } from '../api/image.js';
import { literal } from '../api/literal.js';
import { InstructionSchema } from '../model/instruction.js';
import type { Expr, Helper } from './definition-model.js';

type AnyFn = (...args: never[]) => unknown;

const HELPERS: Readonly<Record<Helper, AnyFn>> = {
  run: api.run,
  runExec: api.runExec,
  runScript: api.runScript,
  copy: api.copy,
  add: api.add,
  env: api.env,
  arg: api.arg,
  workdir: api.workdir,
  user: api.user,
  expose: api.expose,
  volume: api.volume,
  label: api.label,
  entrypoint: api.entrypoint,
  cmd: api.cmd,
  healthcheck: api.healthcheck,
  shell: api.shell,
  stopsignal: api.stopsignal,
  onbuild: api.onbuild,
  comment: api.comment,
  raw: api.raw,
  cacheMount: mounts.cacheMount,
  bindMount: mounts.bindMount,
  secretMount: mounts.secretMount,
  sshMount: mounts.sshMount,
  tmpfsMount: mounts.tmpfsMount,
  externalImage: mounts.externalImage,
  namedContext: mounts.namedContext,
  literal,
};

/** The values references evaluate to. */
export interface RefValues {
  stage(name: string): unknown;
  image(name: string): unknown;
}

/** Stand-ins, for validating one instruction on its own. */
export const PLACEHOLDERS: RefValues = {
  stage: (name) => stage(name, { from: 'scratch' }),
  image: (name) => image({ name, from: 'scratch', steps: [] }),
};

/** The value the emitted code evaluates to. */
export function evaluate(e: Expr, refs: RefValues = PLACEHOLDERS): unknown {
  switch (e.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return e.value;
    case 'array':
      return e.items.map((x) => evaluate(x, refs));
    case 'object':
      return Object.fromEntries(e.entries.map((entry) => [entry.key, evaluate(entry.value, refs)]));
    case 'stage-ref':
      return refs.stage(e.stage);
    case 'image-ref':
      return refs.image(e.image);
    case 'call':
      return (HELPERS[e.helper] as (...args: unknown[]) => unknown)(...e.args.map((x) => evaluate(x, refs)));
  }
}

/** Why the instruction an expression builds would be rejected by `gen`, or undefined when it is valid. */
export function instructionProblem(e: Expr): string | undefined {
  const result = InstructionSchema.safeParse(evaluate(e));
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  return issue ? `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}` : 'invalid';
}
