#!/usr/bin/env node
// Entry point of the published CLI: the esbuild bundle in dist/bundle/ (built by `npm run build`,
// which `npm ci` runs through the `prepare` script; see scripts/bundle.mjs).
import module from 'node:module';

// Node 22.1+ keeps compiled code between runs (a no-op on Node 20, which has no such cache)
module.enableCompileCache?.();
const { main } = await import('../dist/bundle/main.js');

process.exitCode = await main(process.argv.slice(2));
