/**
 * What `dockwright init` writes, decided from what is there (pure): new files are written;
 * a file that exists is kept unless `force`; `package.json`, `.gitignore` and `.dockerignore`
 * only gain what they lack (a value already set is changed only with `force`).
 */
import { ConfigError } from '../errors/definition-error.js';
import {
  CONFIG_TEXT,
  CONTEXT_FILES,
  DOCKERIGNORE_LINES,
  EXAMPLE_TEXT,
  GITIGNORE_LINES,
  SCRIPTS,
  TSCONFIG_TEXT,
  TYPESCRIPT_RANGE,
} from './init-templates.js';

export type PackageManager = 'npm' | 'pnpm' | 'yarn';

export interface InitState {
  /** Current contents of the files init may write (absent: the file does not exist). */
  readonly files: Readonly<Record<string, string | undefined>>;
  /** The folder's name: the package name of a new package.json. */
  readonly folderName: string;
  readonly packageManager: PackageManager;
  /** This dockwright's version: the dependency range is `^version`. */
  readonly version: string;
  readonly force: boolean;
}

export interface InitPlan {
  /** Files to write, with what is said about each (`wrote`, `updated …`, `replaced`). */
  readonly writes: readonly { readonly path: string; readonly content: string; readonly note: string }[];
  /** Files left as they are, and why. */
  readonly kept: readonly { readonly path: string; readonly why: string }[];
  /** The next two commands. */
  readonly next: readonly [string, string];
}

/** The files init may write, in the order it reports them. */
export const INIT_FILES = [
  'dockwright.config.ts',
  'definitions/example.ts',
  ...Object.keys(CONTEXT_FILES),
  'package.json',
  'tsconfig.json',
  '.gitignore',
  '.dockerignore',
] as const;

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

type Json = Record<string, unknown>;

const packageName = (folder: string): string =>
  folder
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|-+$/g, '') || 'images';

function parsePackage(text: string): Json {
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json === 'object' && json !== null && !Array.isArray(json)) return json as Json;
  } catch {
    // reported below
  }
  throw new ConfigError('package.json is not a JSON object: fix it (or remove it) and run `dockwright init` again');
}

/** `package.json` with what dockwright needs added; the names of what was added (or changed with force). */
function planPackage(text: string | undefined, state: InitState): { json: Json; added: string[]; notes: string[] } {
  const json: Json = text === undefined ? { name: packageName(state.folderName), version: '0.0.0', private: true } : parsePackage(text);
  const added: string[] = [];
  const notes: string[] = [];
  if (json.type === undefined && text === undefined) {
    json.type = 'module';
    added.push('type');
  } else if (json.type !== 'module') {
    if (state.force) {
      json.type = 'module';
      added.push('type');
    } else notes.push('"type" is not "module" (definitions still load and type-check; --force sets it)');
  }
  const scripts = { ...((json.scripts as Json | undefined) ?? {}) };
  for (const [name, command] of Object.entries(SCRIPTS)) {
    if (scripts[name] === undefined) {
      scripts[name] = command;
      added.push(`scripts.${name}`);
    }
  }
  json.scripts = scripts;
  const has = (dep: string): boolean =>
    DEPENDENCY_FIELDS.some((f) => typeof json[f] === 'object' && json[f] !== null && dep in (json[f] as Json));
  const devDependencies = { ...((json.devDependencies as Json | undefined) ?? {}) };
  for (const [dep, range] of [
    ['dockwright', `^${state.version}`],
    ['typescript', TYPESCRIPT_RANGE],
  ] as const) {
    if (!has(dep)) {
      devDependencies[dep] = range;
      added.push(`devDependencies.${dep}`);
    }
  }
  if (Object.keys(devDependencies).length > 0) json.devDependencies = devDependencies;
  return { json, added, notes };
}

/** `text` with the lines it lacks appended; the lines added. */
function withLines(text: string | undefined, lines: readonly string[]): { content: string; added: string[] } {
  const have = new Set((text ?? '').split(/\r?\n/).map((l) => l.trim()));
  const added = lines.filter((l) => !have.has(l) && !have.has(l.replace(/\/$/, '')) && !have.has(`/${l}`));
  const base = text === undefined || text === '' || text.endsWith('\n') ? (text ?? '') : `${text}\n`;
  return { content: `${base}${added.map((l) => `${l}\n`).join('')}`, added };
}

const NEXT: Record<PackageManager, readonly [string, string]> = {
  npm: ['npm install', 'npx dockwright build'],
  pnpm: ['pnpm install', 'pnpm exec dockwright build'],
  yarn: ['yarn install', 'yarn dockwright build'],
};

export function planInit(state: InitState): InitPlan {
  const writes: { path: string; content: string; note: string }[] = [];
  const kept: { path: string; why: string }[] = [];
  const whole: Record<string, string> = {
    'dockwright.config.ts': CONFIG_TEXT,
    'definitions/example.ts': EXAMPLE_TEXT,
    ...CONTEXT_FILES,
    'tsconfig.json': TSCONFIG_TEXT,
  };
  for (const path of INIT_FILES) {
    const current = state.files[path];
    const wanted = whole[path];
    if (wanted !== undefined) {
      if (current === undefined) writes.push({ path, content: wanted, note: 'wrote' });
      else if (current === wanted) kept.push({ path, why: 'already as init writes it' });
      else if (state.force) writes.push({ path, content: wanted, note: 'replaced' });
      else kept.push({ path, why: 'exists; --force replaces it' });
    } else if (path === 'package.json') {
      const { json, added, notes } = planPackage(current, state);
      if (added.length > 0)
        writes.push({
          path,
          content: `${JSON.stringify(json, null, 2)}\n`,
          note: current === undefined ? 'wrote' : `added ${added.join(', ')}`,
        });
      notes.forEach((why) => kept.push({ path, why }));
    } else {
      const { content, added } = withLines(current, path === '.gitignore' ? GITIGNORE_LINES : DOCKERIGNORE_LINES);
      if (added.length > 0) writes.push({ path, content, note: current === undefined ? 'wrote' : `added ${added.join(' ')}` });
    }
  }
  return { writes, kept, next: NEXT[state.packageManager] };
}

/** The package manager of a project: its lock file, else the one running us (`npm_config_user_agent`), else npm. */
export function detectPackageManager(lockFiles: readonly string[], userAgent: string | undefined): PackageManager {
  if (lockFiles.includes('pnpm-lock.yaml')) return 'pnpm';
  if (lockFiles.includes('yarn.lock')) return 'yarn';
  if (lockFiles.includes('package-lock.json')) return 'npm';
  if (userAgent?.startsWith('pnpm/')) return 'pnpm';
  if (userAgent?.startsWith('yarn/')) return 'yarn';
  return 'npm';
}
