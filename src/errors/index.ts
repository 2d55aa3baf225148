export type * from './error-code.js';
export * from './dockwright-error.js';
export * from './definition-error.js';
export * from './process-error.js';
export * from './project-error.js';
export * from './engine-error.js';
