/**
 * Whole-Dockerfile goldens (cases/<case>/{definition.ts, expected.Dockerfile}; regenerate with
 * `npx tsx scripts/update-compile-golden.ts`), and every rendered file read back by an
 * independent parser (dockerfile-ast): same instruction keywords, in the same order, as the IR.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { irKeyword, type DockerfileIr } from '../../../src/ir/index.js';
import { CASES_DIR, caseNames, dockerfileOf, loadCase, synthCase } from '../../../scripts/compile-cases.js';

const irKeywords = (ir: DockerfileIr): string[] =>
  [...ir.globalArgs, ...ir.stages.flatMap((s) => [s.from, ...s.instructions])].flatMap((n) => irKeyword(n) ?? []);

describe.each(caseNames())('case %s', (name) => {
  it('renders the expected Dockerfile', async () => {
    const expected = readFileSync(path.join(CASES_DIR, name, 'expected.Dockerfile'), 'utf8');
    expect(await dockerfileOf(await loadCase(name))).toBe(expected);
  });

  it('parses back to the IR instruction sequence, with its directives', async () => {
    const c = await loadCase(name);
    const out = await synthCase(c);
    const text = out.files[0]?.content ?? '';
    const parsed = DockerfileParser.parse(text);
    expect(parsed.getInstructions().map((i) => i.getKeyword())).toEqual(irKeywords(out.ir));
    expect(parsed.getEscapeCharacter()).toBe(c.image.escape);
    const syntax = parsed
      .getDirectives()
      .find((d) => d.getName() === 'syntax')
      ?.getValue();
    expect(syntax).toBe(c.image.syntax);
  });
});

it('has cases', () => expect(caseNames().length).toBeGreaterThanOrEqual(6));
