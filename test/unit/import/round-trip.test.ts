/**
 * The import round trip over the corpus in test/fixtures/import-corpus: every Dockerfile is
 * imported, the definitions are loaded, validated, linted and rendered by the real `gen` pipeline,
 * and the Dockerfile it renders has the same instructions as the original (what "same" means is
 * written in support/dockerfile-instructions.ts). The definitions also pass `check`'s type check.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typeCheckDefinitions, formatDiagnostic } from '../../../src/check/type-check.js';
import { generate } from '../../../src/generate.js';
import { formatWarning } from '../../../src/import/definition-model.js';
import { importSources, type ImportOutcome } from '../../../src/import/import-sources.js';
import { readSources } from '../../../src/import/read-sources.js';
import { loadProject } from '../../../src/project.js';
import { cleanupProjects, tempProject } from '../cli/support/temp-project.js';
import { normalizeDockerfile, type NormalDockerfile } from './support/dockerfile-instructions.js';

const CORPUS = fileURLToPath(new URL('../../fixtures/import-corpus/', import.meta.url));
const CASES = readdirSync(CORPUS).sort();

/** What each case cannot carry over: `file:line` of the lines kept as raw (and warned about). */
const NOT_MODELLED: Record<string, string[]> = {
  'heredoc-scripts': ['Dockerfile:19', 'Dockerfile:25'],
  'nginx-static': ['Dockerfile:5'],
};

interface Imported {
  readonly outcome: ImportOutcome;
  /** Image name → original Dockerfile text. */
  readonly originals: ReadonlyMap<string, string>;
}

const imported = new Map<string, Imported>();
let root = '';
let rendered = new Map<string, string>();

const lastSegment = (ref: string): string => (ref.split('@')[0]?.split('/').at(-1) ?? '').split(':')[0] ?? '';

function expectSameInstructions(generated: NormalDockerfile, original: NormalDockerfile, imageNames: ReadonlySet<string>): void {
  expect(generated.directives).toEqual(original.directives);
  expect(generated.stages.length).toBe(original.stages.length);
  original.stages.forEach((o, i) => {
    const g = generated.stages[i];
    if (!g) return;
    const where = `stage ${i} (${o.name ?? 'unnamed'})`;
    if (imageNames.has(lastSegment(o.image))) expect(lastSegment(g.image), where).toBe(lastSegment(o.image));
    else expect([g.image, g.fromVars], where).toEqual([o.image, o.fromVars]);
    expect(g.platform, where).toBe(o.platform);
    if (o.name !== null) expect(g.name, where).toBe(o.name);
    expect(g.args, where).toEqual(o.args);
    expect(g.instructions, where).toEqual(o.instructions);
  });
}

beforeAll(async () => {
  const files: Record<string, string> = {};
  for (const name of CASES) {
    const cwd = path.join(CORPUS, name);
    const dirMode = existsSync(path.join(cwd, 'images'));
    const { sources } = await readSources(dirMode ? { cwd, files: [], dir: 'images' } : { cwd, files: ['Dockerfile'], name });
    // `docker build --build-context NAME=DIR` of the case, as `import --build-context` takes them
    const contextsFile = path.join(cwd, 'build-contexts.json');
    const contexts = existsSync(contextsFile) ? (JSON.parse(readFileSync(contextsFile, 'utf8')) as Record<string, string>) : {};
    const outcome = await importSources(sources, {}, contexts);
    imported.set(name, { outcome, originals: new Map(sources.map((s) => [s.name, s.text])) });
    for (const d of outcome.definitions) files[`definitions/${d.fileName}`] = d.text;
  }
  root = await tempProject(files);
  const project = await loadProject({ cwd: root, env: {}, flags: {} });
  rendered = new Map((await generate(project, project.images)).dockerfiles);
}, 60_000);

afterAll(cleanupProjects);

describe('import round trip', () => {
  it('covers the corpus', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(10);
    expect([...rendered.keys()].sort()).toEqual([...imported.values()].flatMap((i) => [...i.originals.keys()]).sort());
  });

  it.each(CASES)('%s: gen renders the same instructions', (name) => {
    const { outcome, originals } = imported.get(name) ?? {
      outcome: { definitions: [], warnings: [] },
      originals: new Map<string, string>(),
    };
    for (const [image, original] of originals) {
      const text = rendered.get(image);
      expect(text, image).toBeDefined();
      expectSameInstructions(normalizeDockerfile(text ?? ''), normalizeDockerfile(original), new Set(originals.keys()));
    }
    const warned = outcome.warnings.filter((w) => w.message.startsWith('not modelled')).map((w) => `${path.basename(w.file)}:${w.line}`);
    expect(warned, outcome.warnings.map(formatWarning).join('\n')).toEqual(NOT_MODELLED[name] ?? []);
    // Every raw() in the definitions is marked, and each has its warning.
    const texts = outcome.definitions.map((d) => d.text).join('\n');
    const markers = texts.match(/\/\/ dockwright import: not modelled: .*\n\s*raw\(/g)?.length ?? 0;
    expect(markers).toBe(texts.match(/\braw\(/g)?.length ?? 0);
    expect(markers).toBe(outcome.warnings.filter((w) => w.message.endsWith('(kept as raw)')).length);
  });

  it('the imported definitions type-check', async () => {
    const diagnostics = await typeCheckDefinitions({ root, definitionsDir: path.join(root, 'definitions') });
    expect(diagnostics.map(formatDiagnostic)).toEqual([]);
  }, 60_000);

  it('keeps the folder-per-image graph: job-runner is built on base-image, with the copy-list', () => {
    const text = readFileSync(path.join(root, 'definitions/job-runner.ts'), 'utf8');
    expect(text).toContain("import { baseImage } from './base-image.js';");
    expect(text).toContain('from: baseImage,');
    expect(text).toContain("{ src: 'src/job-runner', dest: 'copied' }");
    expect(text).toContain("context: 'images/job-runner',");
  });

  it('reads words as BuildKit does and writes literal text with literal()', () => {
    const text = readFileSync(path.join(root, 'definitions/quoted-words.ts'), 'utf8');
    expect(text).toContain("workdir('/app')");
    expect(text).toContain("user('node')");
    expect(text).toContain("HASH: literal('$6$salt$abc')");
    expect(text).toContain("X: literal('$HOME/y')");
    expect(text).toContain("Y: '$HOME/z'");
    expect(text).toContain("a: literal('single $quoted')");
    expect(text).toContain("copy('package.json', './')");
    expect(text).toContain("copy('./conf/*.ini', '/etc/ini/')");
    expect(text).toContain("volume('/data', '/cache')");
    const dockerfile = rendered.get('quoted-words') ?? '';
    expect(dockerfile).toContain('ADD ["./conf/*.xml", "/etc/app/"]');
  });

  it('a --from / from= naming a named build context becomes namedContext(), with buildContexts', () => {
    const text = readFileSync(path.join(root, 'definitions/named-context.ts'), 'utf8');
    expect(text).toContain("buildContexts: { pkgs: 'contexts/pkgs' }");
    expect(text.match(/namedContext\('pkgs'\)/g)).toHaveLength(2);
    expect(text).not.toContain('externalImage');
    expect(rendered.get('named-context')).not.toContain('ext-pkgs');
    expect(imported.get('named-context')?.outcome.warnings).toEqual([]);
  });
});
