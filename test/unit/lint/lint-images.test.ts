import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, formatProblem } from '../../../src/errors/index.js';
import { RULE_IDS, RULES, lintImages, ruleSeverity } from '../../../src/compile/lint/index.js';
import { cleanImage, imageM, run, settings, stageM } from './support.js';

/** An image that trips base-image-tag (FROM debian) and root-final-stage (no user). */
const sloppy = imageM({ name: 'sloppy', stages: [stageM('main', 'debian', [run('true')])] });

describe('lintImages', () => {
  it('a clean image has no findings under any rule', () => {
    expect(lintImages([cleanImage([run('apt-get update', 'apt-get install -y curl', 'rm -rf /var/lib/apt/lists/*')])], settings())).toEqual(
      [],
    );
  });

  it('reports each hit as a Problem naming file, image, path, given and expected, with the rule id', () => {
    const findings = lintImages([sloppy], settings());
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([
      ['base-image-tag', 'warning'],
      ['root-final-stage', 'warning'],
    ]);
    const [first] = findings;
    expect(first?.problem).toMatchObject({
      file: 'definitions/sloppy.ts',
      image: 'sloppy',
      path: ['stages', 0, 'from'],
      given: 'debian',
      expected: 'a version tag or a digest',
    });
    expect(first && formatProblem(first.problem)).toMatch(
      /^definitions\/sloppy\.ts › sloppy › stages\[0\]\.from: FROM debian has no tag.* \[base-image-tag\] \(given debian, expected a version tag or a digest\)$/,
    );
  });

  it('lints images in order, rules in table order', () => {
    const other = { ...sloppy, id: 'other', file: 'definitions/other.ts' };
    expect(lintImages([sloppy, other], settings()).map((f) => `${f.problem.image}/${f.rule}`)).toEqual([
      'sloppy/base-image-tag',
      'sloppy/root-final-stage',
      'other/base-image-tag',
      'other/root-final-stage',
    ]);
  });

  it('takes each rule severity from settings.lint.rules; off skips the rule', () => {
    const findings = lintImages([sloppy], settings({ rules: { 'base-image-tag': 'error', 'root-final-stage': 'off' } }));
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['base-image-tag', 'error']]);
  });

  it('strict turns warnings into errors, and leaves off rules off', () => {
    const findings = lintImages([sloppy], settings({ strict: true, rules: { 'root-final-stage': 'off' } }));
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['base-image-tag', 'error']]);
    expect(ruleSeverity('pipefail', settings({ strict: true }))).toBe('error');
    expect(ruleSeverity('pipefail', settings({ strict: true, rules: { pipefail: 'warning' } }))).toBe('error');
  });

  it('rejects an unknown rule id in settings with a ConfigError naming it', () => {
    expect(() => lintImages([], settings({ rules: { 'base-image-tags': 'off' } }))).toThrow(ConfigError);
    expect(() => lintImages([], settings({ rules: { 'base-image-tags': 'off' } }))).toThrow(
      /unknown rule "base-image-tags" \(did you mean "base-image-tag"\?\); the rules are base-image-tag, /,
    );
  });
});

describe('the rule table', () => {
  it('registers every id under its own id, all warnings by default', () => {
    for (const id of RULE_IDS) {
      expect(RULES[id].id).toBe(id);
      expect(RULES[id].defaultSeverity).toBe('warning');
    }
  });

  it('docs/lint.md has a row for every rule, and no other', () => {
    const doc = readFileSync(new URL('../../../docs/lint.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual([...RULE_IDS]);
  });
});
