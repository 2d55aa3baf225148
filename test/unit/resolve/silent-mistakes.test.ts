/** Values that used to pass validation and reach docker with another meaning are problems now. */
import { describe, expect, it } from 'vitest';
import { cmd, copy, externalImage, healthcheck, image, run } from 'dockwright';
import { resolveImages } from '../../../src/compile/resolve-images.js';
import { DefinitionError, formatProblem } from '../../../src/errors/index.js';

const problemsOf = (exports: unknown[]): string[] => {
  try {
    resolveImages([{ file: 'definitions/app.ts', exports }]);
  } catch (err) {
    if (err instanceof DefinitionError) return err.problems.map(formatProblem);
    throw err;
  }
  return [];
};
const resolved = (exports: unknown[]) => resolveImages([{ file: 'definitions/app.ts', exports }]);

describe('healthcheck', () => {
  it("refuses durations under docker's 1ms minimum, and 0 (docker would silently use its default)", () => {
    const app = image({
      name: 'app',
      from: 'debian:12',
      steps: [],
      healthcheck: { test: ['true'], interval: '0s', timeout: '500us', startInterval: '0.5ms', startPeriod: '1ms' },
    });
    const problems = problemsOf([app]);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^definitions\/app\.ts › app › healthcheck\.interval: .*at least "1ms"/);
    expect(problems.join('\n')).toMatch(/healthcheck\.timeout/);
    expect(problems.join('\n')).toMatch(/healthcheck\.startInterval/);
  });

  it('reads compose-style tests the way compose means them', () => {
    const app = image({
      name: 'app',
      from: 'debian:12',
      steps: [healthcheck({ test: ['CMD', 'curl', '-f', 'http://localhost/'] }), cmd(['app'])],
      healthcheck: { test: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'] },
    });
    const [model] = resolved([app]);
    expect(model?.stages[0]?.steps[0]).toMatchObject({
      kind: 'healthcheck',
      check: { test: { form: 'exec', argv: ['curl', '-f', 'http://localhost/'] } },
    });
    expect(model?.healthcheck).toMatchObject({ test: { form: 'shell', command: 'curl -f http://localhost/ || exit 1' } });
  });

  it('refuses compose forms it cannot read, with the fix', () => {
    const app = image({
      name: 'app',
      from: 'debian:12',
      steps: [healthcheck({ test: ['CMD-SHELL', 'curl', '-f'] }), healthcheck({ test: ['NONE'] }), healthcheck({ test: ['CMD'] })],
    });
    const problems = problemsOf([app]);
    expect(problems).toEqual([
      expect.stringMatching(/stages\[0\]\.steps\[0\]\.check\.test: .*\['CMD-SHELL', 'one shell command'\]/),
      expect.stringMatching(/stages\[0\]\.steps\[1\]\.check\.test: .*healthcheck\('none'\)/),
      expect.stringMatching(/stages\[0\]\.steps\[2\]\.check\.test: .*\['CMD', program/),
    ]);
  });
});

describe('image-level stopSignal', () => {
  it('is validated like the stopsignal() step', () => {
    const app = image({ name: 'app', from: 'debian:12', steps: [run('true')], stopSignal: '# not a comment' });
    expect(problemsOf([app])).toEqual([expect.stringMatching(/^definitions\/app\.ts › app › stopSignal: .*SIGTERM/)]);
  });
});

describe('references and exports', () => {
  const base = image({ name: 'base-image', from: 'debian:12', steps: [run('true')] });

  it('refuses a string naming an image of the project (FROM and COPY --from), pointing to the value', () => {
    const app = image({
      name: 'app',
      from: 'base-image',
      steps: [copy('/a', '/b', { from: externalImage('base-image') }), copy('/c', '/d', { from: externalImage('base-image:1.0') })],
    });
    const problems = (() => {
      try {
        resolveImages([
          { file: 'definitions/base.ts', exports: [base] },
          { file: 'definitions/app.ts', exports: [app] },
        ]);
      } catch (err) {
        if (err instanceof DefinitionError) return err.problems.map(formatProblem);
        throw err;
      }
      return [];
    })();
    expect(problems).toEqual([
      expect.stringMatching(
        /^definitions\/app\.ts › app › stages\[0\]\.from: "base-image" is an image of this project \(definitions\/base\.ts\).*import it from definitions\/base\.js/,
      ),
      expect.stringMatching(/^definitions\/app\.ts › app › stages\[0\]\.steps\[0\]\.from: "base-image" is an image of this project/),
    ]);
  });

  it('refuses an exported plain object shaped like an image (image() forgotten)', () => {
    const plain = { name: 'app', from: 'debian:12', steps: [run('true')] };
    const problems = (() => {
      try {
        resolveImages([{ file: 'definitions/app.ts', exports: [plain, { name: 'not-an-image' }], exportNames: ['app', 'other'] }]);
      } catch (err) {
        if (err instanceof DefinitionError) return err.problems.map(formatProblem);
        throw err;
      }
      return [];
    })();
    expect(problems).toEqual([
      'definitions/app.ts › app: export "app" looks like an image but is a plain object, so nothing would be rendered for it (expected export const app = image({ … }))',
    ]);
  });

  it('shows an image name with a line break quoted, on one line', () => {
    const problems = problemsOf([image({ name: 'my\napp', from: 'debian:12', steps: [] })]);
    expect(problems[0]).toMatch(/^definitions\/app\.ts › "my\\napp" › name: /);
    expect(problems.join('')).not.toContain('\n');
  });
});
