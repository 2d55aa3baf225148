// What `require('dockwright')` gets: dockwright is an ES module (its "import" entry is
// dist/bundle/index.js), so a CommonJS caller is told how to import it instead.
throw new Error(
  "dockwright is an ES module: use `import { image, stage } from 'dockwright'` in a .ts or .mjs file " +
    '(definitions/*.ts and dockwright.config.ts are loaded by dockwright itself, in any package). ' +
    '`npx dockwright init` sets a project up.',
);
