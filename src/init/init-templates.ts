/** The texts `dockwright init` writes. Pure data: the decisions are in init-plan.ts. */

export const CONFIG_TEXT = `import { defineConfig } from 'dockwright';

// Settings: docs/settings.md of dockwright (flags and DOCKWRIGHT_* variables override them).
export default defineConfig({
  // namespace: 'my-team',
});
`;

export const EXAMPLE_TEXT = `// Two example images: \`example-base\` and \`hello\`, built on it. Replace them with yours.
import { copy, image, run } from 'dockwright';

export const base = image({
  name: 'example-base',
  from: 'busybox:stable',
  context: 'images/base',
  steps: [run('mkdir -p /opt/example')],
  user: '1000:1000',
});

export const hello = image({
  name: 'hello',
  from: base,
  context: 'images/hello',
  steps: [copy('hello.txt', '/opt/example/hello.txt')],
  user: '1000:1000',
  cmd: ['cat', '/opt/example/hello.txt'],
  test: { smoke: [{ argv: ['cat', '/opt/example/hello.txt'], expect: 'hello' }] },
});
`;

export const CONTEXT_FILES: Readonly<Record<string, string>> = {
  'images/base/README.md': 'The build context of the image `example-base` (definitions/example.ts).\n',
  'images/hello/hello.txt': 'hello from dockwright\n',
};

/**
 * Type-checks the definitions whatever the package's module type: `preserve` + `bundler` accept
 * `import` in any .ts file (no TS1295 in a CommonJS package) and resolve `'dockwright'` through
 * its `exports`.
 */
export const TSCONFIG_TEXT = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      module: 'preserve',
      moduleResolution: 'bundler',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      verbatimModuleSyntax: true,
    },
    include: ['definitions', 'dockwright.config.ts'],
  },
  null,
  2,
)}\n`;

/** dockwright's own folders: never in git, never in a build context. */
export const GITIGNORE_LINES = ['node_modules/', '.dockwright/', 'build-logs/'] as const;
export const DOCKERIGNORE_LINES = ['.git/', 'node_modules/', '.dockwright/', 'build-logs/', 'definitions/', 'generated/'] as const;

export const SCRIPTS: Readonly<Record<string, string>> = {
  'images:gen': 'dockwright gen',
  'images:build': 'dockwright build',
  'images:check': 'dockwright check',
};

/** The TypeScript the project gets for its editor and `tsc` (dockwright check brings its own). */
export const TYPESCRIPT_RANGE = '^5.9.0';
