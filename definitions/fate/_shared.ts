/**
 * What the FATE definitions share: the release, the build args (declared once, taken by each
 * image as needed), the paths inside the images and the build contexts. A `_` file is a helper
 * module: dockwright does not look for images in it.
 */

/** The FATE release these images package. */
export const FATE_VERSION = '2.1.0';

const FATE_ARGS = {
  FATE_VERSION: { default: FATE_VERSION, description: 'FATE release packaged in the images' },
  PYTHON_VERSION: { default: '3.10', description: 'Python version of the venv in base-image' },
} as const;

/**
 * The FATE build args an image uses, picked by name. The generated Dockerfile declares them once
 * before the first FROM and redeclares each only in the stages that use it.
 */
export const fateArgs = (...names: (keyof typeof FATE_ARGS)[]) => Object.fromEntries(names.map((name) => [name, FATE_ARGS[name]]));

/** Each FATE image has its own small build context under `contexts/fate/`. */
export const fateContext = (folder: string): string => `contexts/fate/${folder}`;

/** Where everything lives in the images, as in the real ones. */
export const FATE_HOME = '/data/projects/fate';
export const VENV = '/data/projects/python/venv';

/** The healthcheck timing of the FATE services: every 30 s, every second while starting. */
export const SERVICE_CHECK = { interval: '30s', timeout: '3s', startPeriod: '30s', startInterval: '1s', retries: 3 } as const;
