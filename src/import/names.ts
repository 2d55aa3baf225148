/**
 * Names the importer invents: image and stage names docker and dockwright accept, and TypeScript
 * identifiers for the stage and image values, never clashing with each other or with the API.
 */
import { basename, dirname } from 'node:path';

/** Every export of 'dockwright' a definition may import, so no variable hides one of them. */
export const API_NAMES = [
  'image',
  'stage',
  'variants',
  'defineConfig',
  'run',
  'runExec',
  'runScript',
  'copy',
  'add',
  'env',
  'arg',
  'workdir',
  'user',
  'expose',
  'volume',
  'label',
  'entrypoint',
  'cmd',
  'healthcheck',
  'shell',
  'stopsignal',
  'onbuild',
  'comment',
  'raw',
  'cacheMount',
  'bindMount',
  'secretMount',
  'sshMount',
  'tmpfsMount',
  'namedContext',
  'externalImage',
  'variantKey',
] as const;

const RESERVED = new Set<string>([
  ...API_NAMES,
  ...'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await async of undefined NaN Infinity arguments eval'.split(
    ' ',
  ),
]);

/** `build-env` → `buildEnv`, `2nd stage` → `_2ndStage`. */
export const camelCase = (name: string): string => {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const id = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  if (id === '') return '_';
  return /^[0-9]/.test(id) ? `_${id}` : id;
};

/** The exported const of an imported image: `base-image` → `baseImage`; never an API name. */
export const imageConstName = (imageName: string): string => {
  const id = camelCase(imageName);
  return RESERVED.has(id) ? `${id}Image` : id;
};

/** Hands out identifiers that are unique within one file and clash with nothing reserved. */
export const identifierAllocator = (taken: Iterable<string> = []): ((wanted: string, suffix: string) => string) => {
  const used = new Set<string>([...RESERVED, ...taken]);
  return (wanted, suffix) => {
    let id = used.has(wanted) ? `${wanted}${suffix}` : wanted;
    for (let n = 2; used.has(id); n += 1) id = `${wanted}${suffix}${n}`;
    used.add(id);
    return id;
  };
};

/** Makes a docker name (`NameSchema`): lowercase, single separators between letters and digits. */
export const toDockerName = (raw: string): string =>
  raw
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/([._-])[._-]+/g, '$1')
    .replace(/^[._-]+|[._-]+$/g, '');

/** `app/Dockerfile` → `app`; `docker/Dockerfile.worker` → `worker`; `api.Dockerfile` → `api`. */
export const imageNameFromPath = (file: string): string => {
  const base = basename(file);
  const suffix = /^dockerfile\.(.+)$/i.exec(base)?.[1] ?? /^(.+)\.dockerfile$/i.exec(base)?.[1];
  return toDockerName(suffix ?? basename(dirname(file)));
};
