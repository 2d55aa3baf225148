import { describe, expect, it } from 'vitest';
import { emitDefinition } from '../../../src/import/emit-definition.js';
import { mapDockerfile } from '../../../src/import/map-dockerfile.js';
import { camelCase, identifierAllocator, imageConstName, imageNameFromPath, toDockerName } from '../../../src/import/names.js';
import { parseDockerfile } from '../../../src/import/parse-dockerfile.js';
import { stringLiteral } from '../../../src/import/write-expr.js';

const emit = (text: string, images?: Set<string>, name = 'web-app'): string =>
  emitDefinition(mapDockerfile(parseDockerfile(text), { name, file: 'web/Dockerfile', images }).image);

describe('emitDefinition', () => {
  it('writes stages as consts, --from as references and the exported image, formatted', () => {
    const text = [
      '# syntax=docker/dockerfile:1.7',
      '# Node version',
      'ARG NODE=20',
      '# build it',
      'FROM node:${NODE} AS build',
      'RUN --mount=type=cache,target=/root/.npm npm ci && \\',
      '    npm run build',
      'FROM nginx:alpine',
      'COPY --from=build /app/dist /usr/share/nginx/html',
      'MAINTAINER me',
      'HEALTHCHECK --interval=10s CMD ["curl", "-f", "http://localhost/"]',
    ].join('\n');
    expect(emit(text)).toBe(`import { cacheMount, copy, healthcheck, image, raw, run, stage } from 'dockwright';

// Imported from web/Dockerfile by \`dockwright import\`; review, then build with \`dockwright gen\`.
// build it
const build = stage('build', { from: 'node:\${NODE}' }, [
  run(['npm ci', 'npm run build'], { mounts: [cacheMount('/root/.npm')] }),
]);

const main = stage('main', { from: 'nginx:alpine' }, [
  copy('/app/dist', '/usr/share/nginx/html', { from: build }),
  // dockwright import: not modelled: MAINTAINER is deprecated (a label such as org.opencontainers.image.authors says the same)
  raw('MAINTAINER me'),
  healthcheck({ test: ['curl', '-f', 'http://localhost/'], interval: '10s' }),
]);

export const webApp = image({
  name: 'web-app',
  syntax: 'docker/dockerfile:1.7',
  args: {
    // Node version
    NODE: '20',
  },
  stages: [build, main],
});
`);
  });

  it('uses the single-stage form for one unnamed stage, with template literals for scripts', () => {
    expect(emit('FROM debian\nRUN <<EOF\necho `date`\necho ${X}\nEOF\nUSER app\n', undefined, 'tool'))
      .toBe(`import { image, runScript, user } from 'dockwright';

// Imported from web/Dockerfile by \`dockwright import\`; review, then build with \`dockwright gen\`.
export const tool = image({
  name: 'tool',
  from: 'debian',
  steps: [
    runScript(\`echo \\\`date\\\`
echo \\\${X}\`),
    user('app'),
  ],
});
`);
  });

  it('imports other images it is built on and never shadows an API helper', () => {
    const out = emit('FROM base-image AS copy\nFROM copy AS image\nCOPY --from=copy /a /a\n', new Set(['base-image', 'web-app']));
    expect(out).toContain("import { baseImage } from './base-image.js';");
    expect(out).toContain("const copyStage = stage('copy', { from: baseImage });");
    expect(out).toContain("const imageStage = stage('image', { from: copyStage }, [");
    expect(out).toContain("copy('/a', '/a', { from: copyStage }),");
    expect(out).toContain('stages: [copyStage, imageStage],');
  });
});

describe('names and literals', () => {
  it('makes identifiers and docker names', () => {
    expect(camelCase('build-env')).toBe('buildEnv');
    expect(camelCase('2nd.stage')).toBe('_2ndStage');
    expect(imageConstName('image')).toBe('imageImage');
    expect(imageConstName('base-image')).toBe('baseImage');
    const next = identifierAllocator(['taken']);
    expect([next('taken', 'Stage'), next('taken', 'Stage'), next('run', 'Stage'), next('fresh', 'Stage')]).toEqual([
      'takenStage',
      'takenStage2',
      'runStage',
      'fresh',
    ]);
    expect(toDockerName('My_App--v2!')).toBe('my_app-v2');
    expect(imageNameFromPath('/x/services/API/Dockerfile')).toBe('api');
    expect(imageNameFromPath('/x/docker/Dockerfile.worker')).toBe('worker');
    expect(imageNameFromPath('/x/docker/gpu.Dockerfile')).toBe('gpu');
  });

  it('writes string literals TypeScript reads back as the same string', () => {
    for (const s of ["it's", 'say "hi"', 'both \' and "', 'back\\slash', 'tab\there', 'üñ 🐳', 'line1\nline2 `x` ${y} \\z', '\u2028']) {
      const lit = stringLiteral(s);
      expect(lit).not.toMatch(/[\u2028]/);
      expect(new Function(`return ${lit};`)()).toBe(s);
    }
    expect(stringLiteral("it's")).toBe(`"it's"`);
  });
});
