/**
 * Handlebars sources by file name relative to the templates folder: `Dockerfile.hbs`,
 * `dockerignore.hbs`, `partials/header.hbs`. Every file under `partials/` is registered as a
 * partial named by its path without `partials/` and `.hbs` (`{{> header}}`).
 */
export type TemplateSources = Readonly<Record<string, string>>;

export const DOCKERFILE_TEMPLATE = 'Dockerfile.hbs';
export const DOCKERIGNORE_TEMPLATE = 'dockerignore.hbs';
export const PARTIALS_DIR = 'partials/';
