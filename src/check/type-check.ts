/**
 * Full type checking of the definitions with the TypeScript compiler (through ts-morph): the
 * project's tsconfig.json when there is one, else strict defaults; `'dockwright'` always resolves
 * to this package's own types, as the runtime loader resolves it to this package. Only the
 * definition files, the config file and what they import are in the program.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiagnosticCategory, ModuleKind, ModuleResolutionKind, Project, ScriptTarget, ts, type CompilerOptions } from 'ts-morph';
import { listDefinitionFiles } from '../io/list-definition-files.js';

export interface TypeDiagnostic {
  /** Relative to the project root, `/` separators. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  readonly code: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

export interface TypeCheckRequest {
  readonly root: string;
  /** Absolute path of the definitions folder. */
  readonly definitionsDir: string;
  /** Absolute path of the config file, when there is one. */
  readonly configFile?: string | undefined;
}

/** `file:line:col error TS2322: message`, one line. */
export const formatDiagnostic = (d: TypeDiagnostic): string => `${d.file}:${d.line}:${d.column} ${d.severity} TS${d.code}: ${d.message}`;

/** This package's typings: `dist/index.d.ts` when compiled, `src/index.ts` when run from source. */
export const selfTypes = (): string => {
  const dts = fileURLToPath(new URL('../index.d.ts', import.meta.url));
  return existsSync(dts) ? dts : fileURLToPath(new URL('../index.ts', import.meta.url));
};

const DEFAULTS: CompilerOptions = {
  strict: true,
  target: ScriptTarget.ES2022,
  module: ModuleKind.ESNext,
  moduleResolution: ModuleResolutionKind.Bundler,
  lib: ['lib.es2023.d.ts'],
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
};

/** TS5101, TS5107: options the compiler will drop one day; not a problem of the definitions. */
const DEPRECATED_OPTIONS = new Set([5101, 5107]);

const within = (dir: string, file: string): boolean => {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};

/**
 * Node's typings cost more than the definitions themselves (seconds, not milliseconds), so they
 * are only loaded when a definition seems to use Node (`node:` imports, `process.`, `Buffer`…).
 */
const USES_NODE = /\bfrom\s+['"]node:|\brequire\(|\bprocess\.|\bBuffer\b|__dirname|__filename|import\.meta\.dirname/;

function createProject(root: string, withTypes: boolean): Project {
  const tsConfigFilePath = path.join(root, 'tsconfig.json');
  const paths = { dockwright: [selfTypes()] };
  if (!existsSync(tsConfigFilePath)) {
    return new Project({
      compilerOptions: { ...DEFAULTS, paths, ...(withTypes ? {} : { types: [] }) },
      skipFileDependencyResolution: true,
    });
  }
  const project = new Project({ tsConfigFilePath, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
  const options = project.compilerOptions.get();
  project.compilerOptions.set({
    skipLibCheck: true,
    noEmit: true,
    paths: { ...options.paths, ...paths },
    ...(withTypes ? {} : { types: [] }),
  });
  return project;
}

function loadProgram(req: TypeCheckRequest, files: readonly string[], withTypes: boolean): Project {
  const project = createProject(req.root, withTypes);
  files.forEach((f) => project.addSourceFileAtPath(f));
  project.resolveSourceFileDependencies();
  return project;
}

/**
 * The program the definitions are checked in: the definition files, the config file and what they
 * import. Also used to find problems' positions, so it is built once per check.
 */
export async function createCheckProject(req: TypeCheckRequest): Promise<{ project: Project; files: number }> {
  const listed = existsSync(req.definitionsDir) ? await listDefinitionFiles(req.definitionsDir) : [];
  const files = listed.filter((f) => /\.m?ts$/.test(f)).map((f) => path.join(req.definitionsDir, f));
  if (req.configFile && /\.m?ts$/.test(req.configFile)) files.push(req.configFile);
  let project = loadProgram(req, files, false);
  const own = path.dirname(selfTypes());
  const local = project
    .getSourceFiles()
    .map((sf) => sf.getFilePath() as string)
    .filter((f) => within(req.root, f) && !within(own, f) && !f.includes('/node_modules/'));
  if (local.some((f) => USES_NODE.test(project.getSourceFileOrThrow(f).getFullText()))) project = loadProgram(req, files, true);
  return { project, files: files.length };
}

/** Type errors (and warnings) in the definition files and the config file; nothing is written. */
export function typeDiagnostics(project: Project, req: TypeCheckRequest): TypeDiagnostic[] {
  const mine = (file: string): boolean => within(req.definitionsDir, file) || file === req.configFile;
  const program = project.getProgram().compilerObject;
  // Only the definitions are checked; this package's own sources are types to them, not subjects.
  const checked = program.getSourceFiles().filter((sf) => mine(path.resolve(sf.fileName)));
  const diagnostics = [
    ...program.getOptionsDiagnostics().filter((d) => !DEPRECATED_OPTIONS.has(d.code)),
    ...checked.flatMap((sf) => [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]),
  ].filter((d) => d.category === DiagnosticCategory.Error || d.category === DiagnosticCategory.Warning);
  return diagnostics
    .flatMap((d): TypeDiagnostic[] => {
      const file = d.file ? path.resolve(d.file.fileName) : undefined;
      if (file !== undefined && !mine(file)) return [];
      const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
      return [
        {
          file: file === undefined ? 'tsconfig.json' : path.relative(req.root, file).split(path.sep).join('/'),
          line: pos.line + 1,
          column: pos.character + 1,
          code: d.code,
          severity: d.category === DiagnosticCategory.Error ? 'error' : 'warning',
          message: ts
            .flattenDiagnosticMessageText(d.messageText, '\n')
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean)
            .join(' '),
        },
      ];
    })
    .sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : a.file < b.file ? -1 : 1));
}

/** Type-checks the definitions of the project at `req.root`. */
export async function typeCheckDefinitions(req: TypeCheckRequest): Promise<TypeDiagnostic[]> {
  return typeDiagnostics((await createCheckProject(req)).project, req);
}
