#!/usr/bin/env node
// Entry point of the published CLI: the esbuild bundle in dist/bundle/ (built by `npm run build`,
// which `npm ci` runs through the `prepare` script; see scripts/bundle.mjs).
import { main } from '../dist/bundle/main.js';

process.exitCode = await main(process.argv.slice(2));
