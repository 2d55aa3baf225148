/** `root-final-stage`: a container that runs as root turns any escape into root on the host's kernel. */
import type { ImageModel, StageModel } from '../../../model/resolved.js';
import type { FieldPath, LintRule } from '../rule.js';
import { findStage, inherited, stagePath } from '../stage-chain.js';

/** `root`, `0`, `root:…`, `0:…`; a variable (`${UID}`) is not known to be root. */
export const isRootUser = (user: string): boolean => ['root', '0'].includes(user.split(':')[0] ?? '');

interface UserAt {
  readonly user: string;
  readonly image: ImageModel;
  readonly path: FieldPath;
}

/** The user a stage ends with: the image's `user` on its target stage, else the stage's last USER. */
const ownUser = (image: ImageModel, stage: StageModel): UserAt | undefined => {
  if (stage.name === image.target && image.user) return { user: image.user.user, image, path: ['user'] };
  const index = stage.steps.findLastIndex((s) => s.kind === 'user');
  const step = stage.steps[index];
  if (step?.kind !== 'user') return undefined;
  return { user: step.user, image, path: [...stagePath(image.stages.indexOf(stage)), 'steps', index, 'user'] };
};

const ADVICE =
  "set a non-root user on the image (user: 'app', created in a RUN with useradd/adduser), or user('app') as the target stage's last USER";

export const rootFinalStage: LintRule<'root-final-stage'> = {
  id: 'root-final-stage',
  description: 'The target stage ends running as root (no `user`, no USER in it or its FROM chain, or `root`/`0`).',
  defaultSeverity: 'warning',
  check(image, ctx) {
    if (!findStage(image, image.target)) return [];
    const found = inherited(ctx, image, image.target, ownUser);
    if (!found) {
      return [
        {
          path: ['user'],
          message: `the target stage "${image.target}" sets no user, so the container runs as the base image's user (root for most images): ${ADVICE}`,
          given: 'no user',
          expected: 'a non-root user',
        },
      ];
    }
    if (!isRootUser(found.user)) return [];
    // A root user set in a parent image is reported there; here point at where to override it.
    const path = found.image === image ? found.path : ['user'];
    return [
      {
        path,
        message: `the target stage "${image.target}" runs as ${found.user}: ${ADVICE}`,
        given: found.user,
        expected: 'a non-root user',
      },
    ];
  },
};
