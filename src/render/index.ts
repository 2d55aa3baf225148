export { buildView, buildDockerignoreView, type ViewOptions } from './view/build-view.js';
export { ViewError, type QuoteFailure } from './view/view-error.js';
export { createRenderer, type Renderer } from './renderer.js';
export type { DockerfileView, DockerignoreView } from './view-types.js';
export { DOCKERFILE_TEMPLATE, DOCKERIGNORE_TEMPLATE, PARTIALS_DIR, type TemplateSources } from './template-sources.js';
