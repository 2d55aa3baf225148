/**
 * Attestations as plan data: an image's `provenance`/`sbom` (else the settings') becomes typed
 * `attest` entries, laid out as `--attest` in the buildx argv and as `attest` in the bake target.
 */
import { describe, expect, it } from 'vitest';
import { bakeSession, type BakeSession } from '../../../src/plan/bake-session.js';
import { planBuild } from '../../../src/plan/build-plan.js';
import { buildxArgv } from '../../../src/plan/buildx-argv.js';
import { model, settings } from './images.js';

const images = [
  { ...model('base'), provenance: 'max' as const, sbom: 'scanner:1' },
  { ...model('app', { from: 'base' }), sbom: true },
  model('plain'),
];

describe('attestations', () => {
  const plan = planBuild(images, settings({ provenance: 'min' }), { names: [] }, { engine: { buildx: true } });
  const of = (id: string) => plan.builds.find((b) => b.id === id)!;

  it("an image's own provenance and sbom replace the settings'; the settings' apply to the others", () => {
    expect(of('base').attest).toEqual([
      { type: 'provenance', mode: 'max' },
      { type: 'sbom', generator: 'scanner:1' },
    ]);
    expect(of('app').attest).toEqual([{ type: 'provenance', mode: 'min' }, { type: 'sbom' }]);
    expect(of('plain').attest).toEqual([{ type: 'provenance', mode: 'min' }]);
    expect(planBuild(images.slice(2), settings(), { names: [] }, { engine: { buildx: true } }).builds[0]?.attest).toEqual([]);
  });

  it('become --attest in the buildx argv and attest in the bake target', () => {
    const argv = buildxArgv(of('base'), plan).argv;
    const at = argv.indexOf('--attest');
    expect(argv.slice(at, at + 4)).toEqual(['--attest', 'type=provenance,mode=max', '--attest', 'type=sbom,generator=scanner:1']);
    const session = bakeSession(plan.builds, plan, '/proj') as BakeSession;
    expect(session.file.target.base?.attest).toEqual(['type=provenance,mode=max', 'type=sbom,generator=scanner:1']);
    expect(session.file.target.app?.attest).toEqual(['type=provenance,mode=min', 'type=sbom']);
  });

  it('need buildx: a docker without it is told so', () => {
    expect(() => buildxArgv(of('plain'), { ...plan, engine: { buildx: false } })).toThrow(/attestations \(plain\) need docker buildx/);
  });
});
