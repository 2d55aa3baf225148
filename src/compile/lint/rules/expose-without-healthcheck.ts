/** `expose-without-healthcheck`: a service image whose orchestrator cannot tell "started" from "serving". */
import type { ImageModel, StageModel } from '../../../model/resolved.js';
import type { FieldPath, LintRule } from '../rule.js';
import { findStage, inherited, lastStep, stagePath } from '../stage-chain.js';

/** The image's or the stage's healthcheck (`'none'` counts: turning it off is a decision). */
const ownHealthcheck = (image: ImageModel, stage: StageModel): true | undefined =>
  (stage.name === image.target && image.healthcheck) || lastStep(stage, 'healthcheck') ? true : undefined;

const exposedAt = (image: ImageModel, target: StageModel): { path: FieldPath; ports: string; first: number } | undefined => {
  const show = (ports: readonly { port: number; protocol: string }[]): string => ports.map((p) => `${p.port}/${p.protocol}`).join(' ');
  if (image.expose && image.expose.length > 0) return { path: ['expose'], ports: show(image.expose), first: image.expose[0]?.port ?? 0 };
  const index = target.steps.findIndex((s) => s.kind === 'expose');
  const step = target.steps[index];
  return step?.kind === 'expose'
    ? { path: [...stagePath(image.stages.indexOf(target)), 'steps', index], ports: show(step.ports), first: step.ports[0]?.port ?? 0 }
    : undefined;
};

export const exposeWithoutHealthcheck: LintRule<'expose-without-healthcheck'> = {
  id: 'expose-without-healthcheck',
  description: 'The image exposes ports but has no healthcheck (image `healthcheck` or a HEALTHCHECK in its stage chain).',
  defaultSeverity: 'warning',
  check(image, ctx) {
    const target = findStage(image, image.target);
    const exposed = target && exposedAt(image, target);
    if (!exposed || inherited(ctx, image, image.target, ownHealthcheck)) return [];
    return [
      {
        path: exposed.path,
        message:
          `the image exposes ${exposed.ports} but has no healthcheck, so nothing tells "running" from "serving": ` +
          `set healthcheck: { test: ['curl', '-fsS', 'http://localhost:${exposed.first}/'], interval: '30s' } on the image ` +
          `(or healthcheck: 'none' to say there is none on purpose)`,
        given: exposed.ports,
        expected: 'a healthcheck',
      },
    ];
  },
};
