/** This package's version (package.json, two folders up: from src/cli/ and from dist/bundle/ alike). */
import { readFileSync } from 'node:fs';

export const toolVersion = (): string =>
  (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
