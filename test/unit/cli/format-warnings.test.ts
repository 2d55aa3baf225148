import { describe, expect, it } from 'vitest';
import { warningLines } from '../../../src/cli/format-warnings.js';
import type { Problem } from '../../../src/errors/index.js';

const hit = (image: string, extra: Partial<Problem> = {}): Problem => ({
  file: `definitions/${image}.ts`,
  image,
  path: ['user'],
  message: 'the final stage runs as root [root-final-stage]',
  ...extra,
});

describe('warningLines', () => {
  it('prints a warning of one image as it is', () => {
    expect(warningLines([hit('app')])).toEqual([
      'warning: definitions/app.ts › app › user: the final stage runs as root [root-final-stage]',
    ]);
  });

  it('prints the same warning of several images once, in the order they come', () => {
    expect(warningLines([hit('b'), hit('a'), hit('c', { message: 'other [pipefail]', path: ['stages', 0] }), hit('d')])).toEqual([
      'warning: 3 images (b, a, d) › user: the final stage runs as root [root-final-stage]',
      'warning: definitions/c.ts › c › stages[0]: other [pipefail]',
    ]);
  });

  it('leaves the field out when it differs, and keeps warnings with other values apart', () => {
    const lines = warningLines([
      hit('a', { path: ['stages', 0, 'from'], given: '"debian"' }),
      hit('b', { path: ['stages', 1, 'from'], given: '"debian"' }),
      hit('c', { given: '"ubuntu"' }),
    ]);
    expect(lines).toEqual([
      'warning: 2 images (a, b): the final stage runs as root [root-final-stage] (given "debian")',
      'warning: definitions/c.ts › c › user: the final stage runs as root [root-final-stage] (given "ubuntu")',
    ]);
  });
});
