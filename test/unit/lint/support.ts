/**
 * ImageModel literals for lint tests, built directly (the resolver is not needed), type-checked
 * against the model. `lintOne` runs one rule over one image (plus the other images, for FROM an image).
 */
import { lintImages, type LintFinding, type RuleId } from '../../../src/compile/lint/index.js';
import { RULE_IDS } from '../../../src/compile/lint/rule.js';
import type { FromModel, ImageModel, InstructionModel, RunModel, StageModel } from '../../../src/model/resolved.js';
import type { Settings } from '../../../src/model/settings.js';

export const settings = (lint: Partial<Settings['lint']> = {}): Pick<Settings, 'lint'> => ({ lint: { strict: false, rules: {}, ...lint } });

const from = (f: string | FromModel): FromModel =>
  typeof f !== 'string' ? f : f === 'scratch' ? { kind: 'scratch' } : { kind: 'external', ref: f };

export const stageM = (name: string, f: string | FromModel, steps: readonly InstructionModel[] = []): StageModel => ({
  name,
  from: from(f),
  steps,
});

type ImageOverrides = Partial<Omit<ImageModel, 'stages'>> & { stages: readonly StageModel[] };

/** An image; the target defaults to the last stage, the id to `name`. */
export const imageM = ({ stages, ...over }: ImageOverrides): ImageModel => {
  const name = over.name ?? 'app';
  const id = over.id ?? name;
  return {
    name,
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
    id,
    dir: id.replace(':', '-'),
    file: `definitions/${name}.ts`,
    target: stages[stages.length - 1]?.name ?? 'main',
    stages,
    ...over,
  };
};

/** A clean single-stage image: passes every rule. Override what a test needs. */
export const cleanImage = (steps: readonly InstructionModel[] = [], over: Partial<ImageModel> = {}): ImageModel =>
  imageM({ stages: [stageM('main', 'debian:bookworm-slim', steps)], user: { user: 'app', group: undefined }, ...over });

export const run = (...commands: string[]): RunModel => ({ kind: 'run', body: { form: 'shell', commands }, mounts: [] });
export const script = (text: string): RunModel => ({ kind: 'run', body: { form: 'heredoc', script: text }, mounts: [] });
export const sh = (...argv: string[]): InstructionModel => ({ kind: 'shell', argv });
export const env = (vars: Record<string, string>): InstructionModel => ({ kind: 'env', vars });
export const arg = (name: string, def?: string): InstructionModel =>
  def === undefined ? { kind: 'arg', name } : { kind: 'arg', name, default: def };
export const userStep = (user: string): InstructionModel => ({ kind: 'user', user });

/** Findings of one rule (every other rule off). */
export function lintOne(rule: RuleId, images: ImageModel | readonly ImageModel[]): LintFinding[] {
  const rules = Object.fromEntries(RULE_IDS.map((id) => [id, id === rule ? 'warning' : 'off'] as const));
  return lintImages(Array.isArray(images) ? images : [images as ImageModel], settings({ rules }));
}

/** `path` of each finding, formatted (`stages[0].steps[1]`), for compact assertions. */
export const paths = (findings: readonly LintFinding[]): string[] =>
  findings.map((f) =>
    (f.problem.path ?? [])
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
      .join('')
      .replace(/^\./, ''),
  );
