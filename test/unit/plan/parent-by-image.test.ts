import { describe, expect, it } from 'vitest';
import { planBuild } from '../../../src/plan/build-plan.js';
import type { ImageBuild } from '../../../src/plan/image-build.js';
import { nextSession, parentLinkOf } from '../../../src/plan/parent-by-image.js';
import { model, settings } from './images.js';

/** base ← mid ← top, base ← side, other (alone). */
const images = [
  model('base'),
  model('mid', { from: 'base' }),
  model('top', { from: 'mid' }),
  model('side', { from: 'base' }),
  model('other'),
];
const planOf = (registryCache?: string) =>
  planBuild(
    images,
    settings({ registry: '127.0.0.1:5000', ...(registryCache ? { registryCache } : {}) }),
    {},
    { engine: { buildx: true } },
  );
const staleOf = (builds: readonly ImageBuild[], built: readonly string[] = []) =>
  new Map(builds.filter((b) => !built.includes(b.id)).map((b) => [b.id, b]));
const ids = (builds: readonly ImageBuild[]) => builds.map((b) => b.id);
const none = () => false;

describe('parent by image', () => {
  it('a child takes its parent by image with a registry cache or when the parent builds on another engine, else by target', () => {
    const link = (plan: ReturnType<typeof planOf>, child: string, parent: string) =>
      parentLinkOf(plan.builds.find((b) => b.id === child) as ImageBuild, plan.builds.find((b) => b.id === parent) as ImageBuild);
    expect(link(planOf('buildcache'), 'mid', 'base')).toBe('image');
    expect(link(planOf(), 'mid', 'base')).toBe('target');
    const spread = planOf();
    const elsewhere = { ...spread, builds: spread.builds.map((b) => (b.id === 'mid' ? { ...b, engine: 'arm' } : b)) };
    expect(link(elsewhere, 'mid', 'base')).toBe('image');
    expect(link(elsewhere, 'top', 'mid')).toBe('image');
    expect(link(elsewhere, 'side', 'base')).toBe('target');
  });

  it('without a registry cache one session takes every out-of-date build whose out-of-date parents go too', () => {
    const { builds } = planOf();
    expect(ids(nextSession(staleOf(builds), none))).toEqual(['base', 'mid', 'top', 'side', 'other']);
    // mid built on its own (pre-build inputs): it and top stay out
    expect(ids(nextSession(staleOf(builds), (b) => b.id === 'mid'))).toEqual(['base', 'side', 'other']);
  });

  it('with a registry cache the sessions go wave by wave: a child once its out-of-date parents are built', () => {
    const { builds } = planOf('buildcache');
    expect(ids(nextSession(staleOf(builds), none))).toEqual(['base', 'other']);
    expect(ids(nextSession(staleOf(builds, ['base', 'other']), none))).toEqual(['mid', 'side']);
    expect(ids(nextSession(staleOf(builds, ['base', 'other', 'mid', 'side']), none))).toEqual(['top']);
    // an up-to-date parent is no reason to wait
    expect(ids(nextSession(staleOf(builds, ['base']), none))).toEqual(['mid', 'side', 'other']);
  });
});
