/**
 * FATE's optional modules. FATE-Builder builds `<image>-<module>` for a module by running the
 * module's Dockerfile FROM `<image>`; here that is a function from a parent image to an image,
 * applied to `python` twice (and to any other parent that needs the module).
 */
import { bindMount, comment, copy, image, run, type ImageDef } from 'dockwright';
import { FATE_HOME, VENV, fateArgs, fateContext } from './_shared.js';
import { python } from './base.js';

export interface FateModule {
  /** Appended to the parent's name (`python` + `nn` → `python-nn`); also the module's group. */
  readonly name: string;
  /** What the module adds, for the image's description. */
  readonly adds: string;
  /** The packages it installs; the image's smoke test imports them. */
  readonly packages: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

/** `parent` with `module` applied: the same service, with the module's packages in the venv. */
export const withModule = (parent: ImageDef, module: FateModule): ImageDef =>
  image({
    name: `${parent.name}-${module.name}`,
    description: `${parent.name} with ${module.adds}`,
    groups: [module.name],
    context: fateContext(`modules/${module.name}`),
    args: fateArgs('PYTHON_VERSION'),
    from: parent,
    steps: [
      copy('requirements.txt', `${FATE_HOME}/requirements-${module.name}.txt`, { chown: 'fate:fate' }),
      comment('the real module runs `pip install -r requirements.txt`; the stand-in wheels are plain package folders'),
      // a bind mount: the wheels are read during this RUN and never become a layer of their own
      run(`cp -R /tmp/wheels/. ${VENV}/lib/python\${PYTHON_VERSION}/site-packages/`, {
        mounts: [bindMount('/tmp/wheels', { source: 'wheels' })],
      }),
    ],
    ...(module.env ? { env: module.env } : {}),
    test: { smoke: [{ argv: ['python', '-c', `import ${module.packages.join(', ')}`] }] },
  });

export const nn: FateModule = { name: 'nn', adds: 'PyTorch and transformers (the nn module)', packages: ['torch', 'transformers'] };
export const spark: FateModule = {
  name: 'spark',
  adds: 'PySpark, to run jobs on a Spark cluster (the spark module)',
  packages: ['pyspark'],
  env: { PYSPARK_PYTHON: `${VENV}/bin/python` },
};

export const pythonNn = withModule(python, nn);
export const pythonSpark = withModule(python, spark);
