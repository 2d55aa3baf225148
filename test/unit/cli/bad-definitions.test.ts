/**
 * The corpus of bad definitions (test/fixtures/bad/<case>): each is copied to a temporary folder
 * and run through `dockwright gen`; every case exits 2, prints exactly the expected problem lines
 * and writes nothing.
 */
import { cp } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';
import { cleanupProjects, tempProject } from './support/temp-project.js';

afterEach(cleanupProjects);

const FIXTURES = fileURLToPath(new URL('../../fixtures/bad/', import.meta.url));
const NAME = 'lowercase letters and digits, separated by ".", "_" or "-"';

interface Case {
  readonly env?: Record<string, string>;
  /** The whole stderr, line by line; a RegExp for text that comes from a third-party parser. */
  readonly stderr: readonly (string | RegExp)[];
}

const CASES: Record<string, Case> = {
  'wrong-type': {
    stderr: [
      'error: 2 problems in the definitions:',
      '  definitions/app.ts › app › push: has the wrong type (given "yes", expected true or false)',
      '  definitions/app.ts › app › expose[0]: has the wrong type (given "http", expected a number or an object)',
    ],
  },
  'unknown-field': {
    stderr: [
      'error: 2 problems in the definitions:',
      '  definitions/app.ts › app › stages[0].steps[0].shell: unknown field',
      '  definitions/app.ts › app › ports: unknown field',
    ],
  },
  'bad-name': {
    stderr: [
      'error: 2 problems in the definitions:',
      `  definitions/app.ts › My_App › name: has the wrong format (given "My_App", expected ${NAME})`,
      `  definitions/app.ts › My_App › stages[0].name: has the wrong format (given "Build Stage", expected ${NAME})`,
    ],
  },
  'missing-stages': {
    stderr: [
      'error: 2 problems in the definitions:',
      '  definitions/app.ts › empty › stages: must not be empty (given [])',
      '  definitions/app.ts › handmade › stages: is required (expected an array)',
    ],
  },
  'foreign-stage': {
    stderr: [
      'error: 2 problems in the definitions:',
      '  definitions/app.ts › app › stages[0].steps[0].from: stage "tools" is not a stage of image "app" (it belongs to image "toolbox")',
      '  definitions/app.ts › backwards › stages[0].from: stage "later" is defined after stage "main", which uses it',
    ],
  },
  'not-exported': {
    stderr: [
      'error: 1 problem in the definitions:',
      '  definitions/app.ts › app › stages[0].from: image "hidden" is not exported from any file in definitions/',
    ],
  },
  'duplicate-ids': {
    stderr: [
      'error: 2 problems in the definitions:',
      '  definitions/b.ts › app › name: image id "app" is already defined in definitions/a.ts',
      '  definitions/b.ts › fit-alpine › name: output folder "fit-alpine" is already used by image "fit:alpine" (definitions/a.ts)',
    ],
  },
  cycle: {
    stderr: ['error: 1 problem in the definitions:', '  definitions/cycle.ts › a: images depend on each other: a → b → a'],
  },
  throws: {
    stderr: [
      'error: 1 problem in the definitions:',
      '  definitions/secrets.ts: could not load the definition: NO_SUCH_TOKEN_FOR_DOCKWRIGHT_TESTS is not set (thrown at definitions/secrets.ts:4:19)',
    ],
  },
  'syntax-error': {
    stderr: [
      'error: 1 problem in the definitions:',
      /^ {2}definitions\/broken\.js: could not load the definition: .*Expected "}" but found "from" \(line 3, column \d+\)$/,
    ],
  },
  'bad-config': {
    stderr: [
      'error: 2 problems in the settings:',
      '  dockwright.config.ts › parallel: has the wrong type (given "four", expected a number)',
      '  dockwright.config.ts › tags: unknown field; did you mean "tag"?',
    ],
  },
  'bad-env': {
    env: { DOCKWRIGHT_PARALLEL: 'abc', DOCKWRIGHT_STRICT: 'perhaps' },
    stderr: [
      'error: 3 problems in the settings:',
      '  DOCKWRIGHT_TAG=feature/x (.env): expected a docker tag (letters, digits, "_", "." and "-", not starting with "." or "-", at most 128)',
      '  DOCKWRIGHT_PARALLEL=abc (environment): expected a positive integer',
      '  DOCKWRIGHT_STRICT=perhaps (environment): expected true or false (also 1/0, yes/no, on/off)',
    ],
  },
  'import-cycle': {
    stderr: [
      'error: 1 problem in the definitions:',
      "  definitions/b.ts › b › stages[0].from: is undefined: the definition files import each other, definitions/b.ts (b) → definitions/a.ts (a) → definitions/b.ts (b), so one of them sees the other's exports before they exist (expected images that do not build on each other (a cycle cannot be built); move the shared part into a third file)",
    ],
  },
  'tag-typo': {
    stderr: [
      'error: 1 problem in the definitions:',
      '  definitions/app.ts › app › tags[0]: unknown placeholder {verison}; did you mean {version}? (expected one of {version}, {tag}, {baseTag})',
    ],
  },
  'bad-tag': {
    stderr: [
      'error: 2 problems in the definitions:',
      '  definitions/app.ts › app › tags[0]: {version} is used but the image has no version (expected a `version` on the image, DOCKWRIGHT_VERSION or --image-version)',
      '  definitions/app.ts › app › tags[1]: unknown placeholder {branch} (expected one of {version}, {tag}, {baseTag})',
    ],
  },
};

describe('bad definitions', () => {
  it('has a test case for every fixture folder', async () => {
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(FIXTURES)).sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const [name, c] of Object.entries(CASES)) {
    it(`${name}: exit 2, every problem named, nothing written`, async () => {
      const root = await tempProject({});
      await cp(path.join(FIXTURES, name), root, { recursive: true });
      const run = await runCli(['gen'], root, c.env ?? {});
      expect(run.stdout).toBe('');
      const lines = run.stderr.replace(/\n$/, '').split('\n');
      expect(lines).toHaveLength(c.stderr.length);
      c.stderr.forEach((want, i) => (typeof want === 'string' ? expect(lines[i]).toBe(want) : expect(lines[i]).toMatch(want)));
      expect(run.code).toBe(2);
      expect(existsSync(path.join(root, 'generated'))).toBe(false);
    });
  }
});
