/**
 * Settings of this repository's example project (definitions/ and contexts/). No registry here:
 * give one at build time (`DOCKWRIGHT_REGISTRY=127.0.0.1:5000` or `--registry`), so that the same
 * definitions push to a test registry on loopback or a real one in CI.
 */
import { defineConfig } from 'dockwright';

export default defineConfig({
  namespace: 'dockwright-examples',
  // module images (python-nn, eggroll, rest-server…) are tagged `dev`, base images (base-image,
  // python: `tagSet: 'base'`) `dev-base`; FIT sets its own `{version}-{os}` tags
  tag: 'dev',
  baseTag: 'dev-base',
  definitionsDir: 'definitions',
  outputDir: 'generated',
  // the examples are the showcase: a lint warning is a bug in them (or in a rule)
  lint: { strict: true },
});
