/**
 * The example project at the repository root (definitions/, contexts/, dockwright.config.ts):
 * it loads, renders every image without a lint warning, and its Dockerfiles and build graph show
 * what the examples are there to show (docs/examples.md). The engine tests build them.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/generate.js';
import { loadProject, type Project } from '../../src/project.js';
import { runCli } from './cli/support/run-cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Row {
  readonly id: string;
  readonly groups: readonly string[];
  readonly push: boolean;
  readonly tags: readonly string[];
  readonly parents: readonly string[];
}

interface StageText {
  readonly from: string;
  readonly name: string;
  readonly args: readonly string[];
  readonly lines: readonly string[];
}

/** A Dockerfile as its global ARG lines and its stages (FROM line, name, ARG lines, every line). */
function parse(text: string): { globalArgs: string[]; stages: StageText[] } {
  const globalArgs: string[] = [];
  const stages: { from: string; name: string; args: string[]; lines: string[] }[] = [];
  for (const line of text.split('\n')) {
    const from = /^FROM (\S+) AS (\S+)$/.exec(line);
    if (from) stages.push({ from: from[1] ?? '', name: from[2] ?? '', args: [], lines: [] });
    const current = stages.at(-1);
    if (line.startsWith('ARG ')) (current ? current.args : globalArgs).push(line);
    current?.lines.push(line);
  }
  return { globalArgs, stages };
}

let project: Project;
let generated: Awaited<ReturnType<typeof generate>>;
let rows: Map<string, Row>;

const dockerfile = (id: string) => parse(generated.dockerfiles.get(id) ?? '');
const stage = (id: string, name: string): StageText => {
  const found = dockerfile(id).stages.find((s) => s.name === name);
  if (!found) throw new Error(`${id} has no stage ${name}`);
  return found;
};
const argNames = (s: StageText): string[] => s.args.map((a) => /^ARG (\w+)/.exec(a)?.[1] ?? a);

beforeAll(async () => {
  project = await loadProject({ cwd: ROOT, env: {} });
  generated = await generate(project, project.images);
  const list = await runCli(['list', '--json'], ROOT, {});
  expect(list.code, list.stderr).toBe(0);
  rows = new Map((JSON.parse(list.stdout) as Row[]).map((r) => [r.id, r]));
}, 60_000);

describe('the example project', () => {
  it('renders all 18 images with no lint warning', () => {
    expect(generated.warnings).toEqual([]);
    expect(generated.dockerfiles.size).toBe(18);
    expect(project.settings.lint.strict).toBe(true);
  });

  it('has the FATE graph, base and module tags, and private bases', () => {
    const parents = Object.fromEntries([...rows.values()].map((r) => [r.id, r.parents]));
    expect(parents).toMatchObject({
      'base-image': [],
      python: ['base-image'],
      eggroll: ['base-image'],
      fateboard: ['base-image'],
      nginx: [],
      'python-nn': ['python'],
      'python-spark': ['python'],
      'spark-base': ['python'],
      client: ['python'],
      'fate-test': ['python'],
      'spark-master': ['spark-base'],
      'spark-worker': ['spark-base'],
      'pai-base': [],
      'rest-server': ['pai-base'],
      'job-exporter': ['pai-base'],
      'ascend-app': [],
      'fit-framework:alpine': [],
      'fit-framework:debian': [],
    });
    expect([...rows.values()].filter((r) => !r.push).map((r) => r.id)).toEqual(['base-image', 'spark-base']);
    expect(rows.get('python')?.tags).toEqual(['dockwright-examples/python:dev-base']);
    expect(rows.get('python-nn')?.tags).toEqual(['dockwright-examples/python-nn:dev']);
    expect(rows.get('python-nn')?.groups).toEqual(['nn']);
    expect(rows.get('spark-master')?.groups).toEqual(['spark']);
  });

  it('FATE modules are the parent plus the module, through a bind mount', () => {
    const nn = dockerfile('python-nn');
    expect(nn.globalArgs).toEqual([expect.stringMatching(/^ARG \w+="dockwright-examples\/python:dev-base"$/)]);
    expect(argNames(stage('python-nn', 'main'))).toEqual(['PYTHON_VERSION']);
    expect(stage('python-nn', 'main').lines).toContainEqual(
      expect.stringMatching(/^RUN --mount=type=bind,target=\/tmp\/wheels,source=wheels cp -R/),
    );
    expect(stage('fate-test', 'main').lines).toContain('HEALTHCHECK NONE');
  });

  it('fateboard copies from its build stage; FATE_VERSION is declared in both stages', () => {
    expect(argNames(stage('fateboard', 'build'))).toEqual(['FATE_VERSION']);
    expect(argNames(stage('fateboard', 'runtime'))).toEqual(['FATE_VERSION']);
    expect(stage('fateboard', 'runtime').lines).toContainEqual(expect.stringMatching(/^COPY --from=build /));
  });

  it('FIT declares FIT_VERSION before FROM and redeclares it where it is used', () => {
    for (const id of ['fit-framework:alpine', 'fit-framework:debian']) {
      const { globalArgs } = dockerfile(id);
      expect(globalArgs).toEqual(['ARG FIT_VERSION="3.5.3"']);
      expect(stage(id, 'release').from).toBe('fit-release:${FIT_VERSION}');
      expect(stage(id, 'unpack').args).toEqual(['ARG FIT_VERSION']);
      expect(stage(id, 'runtime').args).toEqual(['ARG FIT_VERSION']);
    }
    expect(stage('fit-framework:alpine', 'runtime').from).toBe('alpine:3.20');
    expect(stage('fit-framework:debian', 'runtime').from).toBe('debian:bookworm-slim');
    expect(rows.get('fit-framework:debian')?.tags).toEqual([
      'dockwright-examples/fit-framework:3.5.3-debian',
      'dockwright-examples/fit-framework:debian',
      'dockwright-examples/fit-framework:latest-debian',
    ]);
  });

  it('Ascend redeclares each version arg (and TARGETARCH) only in the stages that use it', () => {
    const { globalArgs, stages } = dockerfile('ascend-app');
    expect(globalArgs).toEqual([]);
    expect(Object.fromEntries(stages.map((s) => [s.name, argNames(s)]))).toEqual({
      base: [],
      python: ['TARGETARCH', 'PYTHON_VERSION'],
      cann: ['TARGETARCH', 'CANN_VERSION', 'DEVICE'],
      pta: ['TARGETARCH', 'PYTHON_VERSION', 'TORCH_VERSION'],
      app: ['CANN_VERSION'],
    });
    for (const name of ['python', 'cann', 'pta']) {
      expect(stage('ascend-app', name).lines).toContainEqual(
        expect.stringMatching(/^RUN --mount=type=bind,target=\/tmp\/pkgs,from=packages /),
      );
    }
  });

  it('PAI contexts are the service folder plus a copy-list; job-exporter has a prerequisite', () => {
    const pai = project.images.filter((i) => i.groups.includes('pai'));
    expect(pai.map((i) => [i.id, i.context, i.inputs.copyList.map((e) => e.dest)])).toEqual([
      ['pai-base', 'contexts/pai/src/pai-base', ['common/lib']],
      ['job-exporter', 'contexts/pai/src/job-exporter', ['bin/job-exporter', 'config/cluster.yaml']],
      ['rest-server', 'contexts/pai/src/rest-server', ['config/cluster.yaml']],
    ]);
    const exporter = pai.find((i) => i.id === 'job-exporter');
    expect(exporter?.inputs.prerequisites.map((p) => p.outputs)).toEqual([['.dockwright/artifacts/pai/job-exporter']]);
    expect(exporter?.inputs.copyList[0]?.src).toBe('.dockwright/artifacts/pai/job-exporter');
  });
});
