/**
 * The image-level settings, appended to the target stage in this fixed order:
 *   ENV, LABEL, WORKDIR, USER, EXPOSE, VOLUME, STOPSIGNAL, HEALTHCHECK, ENTRYPOINT, CMD
 * ENV first so the others can use it; WORKDIR before USER so the directory is created before
 * privileges drop; ENTRYPOINT before CMD (setting ENTRYPOINT resets an inherited CMD).
 */
import type { InstructionNode } from '../ir/index.js';
import type { ImageModel } from '../model/resolved.js';

type Setting = (image: ImageModel) => InstructionNode[];

const settings: readonly Setting[] = [
  ({ env }) =>
    env && Object.keys(env).length > 0
      ? [{ kind: 'env', vars: Object.entries(env), modelPath: ['env'], fieldPaths: { vars: ['env'] } }]
      : [],
  ({ labels }) =>
    labels && Object.keys(labels).length > 0
      ? [{ kind: 'label', labels: Object.entries(labels), modelPath: ['labels'], fieldPaths: { labels: ['labels'] } }]
      : [],
  ({ workdir }) => (workdir ? [{ kind: 'workdir', dir: workdir, modelPath: ['workdir'], fieldPaths: { dir: ['workdir'] } }] : []),
  ({ user }) => (user ? [{ kind: 'user', user: user.user, group: user.group, modelPath: ['user'] }] : []),
  ({ expose }) => (expose?.length ? [{ kind: 'expose', ports: expose, modelPath: ['expose'], fieldPaths: { ports: ['expose'] } }] : []),
  ({ volumes }) =>
    volumes?.length ? [{ kind: 'volume', paths: volumes, modelPath: ['volumes'], fieldPaths: { paths: ['volumes'] } }] : [],
  ({ stopSignal }) =>
    stopSignal ? [{ kind: 'stopsignal', signal: stopSignal, modelPath: ['stopSignal'], fieldPaths: { signal: ['stopSignal'] } }] : [],
  ({ healthcheck }) =>
    healthcheck ? [{ kind: 'healthcheck', check: healthcheck, modelPath: ['healthcheck'], fieldPaths: { check: ['healthcheck'] } }] : [],
  ({ entrypoint }) =>
    entrypoint ? [{ kind: 'entrypoint', command: entrypoint, modelPath: ['entrypoint'], fieldPaths: { command: ['entrypoint'] } }] : [],
  ({ cmd }) => (cmd ? [{ kind: 'cmd', command: cmd, modelPath: ['cmd'], fieldPaths: { command: ['cmd'] } }] : []),
];

/** The instructions the image's own settings add to its target stage. */
export const lowerSettings = (image: ImageModel): InstructionNode[] => settings.flatMap((s) => s(image));
