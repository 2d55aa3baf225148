import { describe, expect, it } from 'vitest';
import { planBuild } from '../../../src/plan/build-plan.js';
import { formatPlan, shellQuote } from '../../../src/plan/format-plan.js';
import { model, settings } from './images.js';

describe('formatPlan', () => {
  it('prints the order and the exact command of every step', () => {
    const plan = planBuild(
      [model('base'), model('app', { from: 'base' })],
      settings(),
      { names: ['app'], skip: ['base'] },
      { engine: { buildx: false } },
    );
    expect(formatPlan(plan)).toBe(
      [
        '1 image to build, in this order:',
        '  (must exist) base  base:latest',
        '  1. app  (after base)',
        '     DOCKER_BUILDKIT=1 docker build --progress=plain -f generated/app/Dockerfile --target main --build-arg BASE_IMAGE=base:latest --label org.opencontainers.image.title=app --label dev.dockwright.definition=definitions/app.ts --label dev.dockwright.image=app -t app:latest .',
        '',
      ].join('\n'),
    );
  });

  it('quotes what a shell would split', () => {
    expect(shellQuote('a=b,c')).toBe('a=b,c');
    expect(shellQuote("it's here")).toBe(`'it'\\''s here'`);
    expect(shellQuote('')).toBe(`''`);
  });
});
