import { describe, expect, it } from 'vitest';
import { imageContent } from '../../../src/engine/image-content.js';

describe('imageContent', () => {
  const layers = ['sha256:l1', 'sha256:l2'];
  const config = { Env: ['PATH=/bin'], Cmd: ['sh'], Labels: { b: '2', a: '1' } };

  it('is the same for the same layers and inherited config, whatever the engine calls the image', () => {
    // a classic store names it by its config digest, the containerd store by its index digest
    expect(imageContent('sha256:config', layers, config)).toBe(
      imageContent('sha256:index', layers, { ...config, Labels: { a: '1', b: '2' } }),
    );
    expect(imageContent('sha256:config', layers, config)).toMatch(/^content:[0-9a-f]{64}$/);
  });

  it('changes with a layer or with what a build inherits (environment, user, command…)', () => {
    const base = imageContent('x', layers, config);
    expect(imageContent('x', [...layers, 'sha256:l3'], config)).not.toBe(base);
    expect(imageContent('x', layers, { ...config, Env: ['PATH=/usr/bin'] })).not.toBe(base);
    expect(imageContent('x', layers, { ...config, User: 'nobody' })).not.toBe(base);
  });

  it('is the id when the engine gave no layers', () => {
    expect(imageContent('sha256:abc', [], null)).toBe('sha256:abc');
  });
});
