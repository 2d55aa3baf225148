export { testImages, testOne, type ImageTestItem, type ImageTestResult, type ImageTestStatus } from './test-images.js';
export { testImage, type TestTarget } from './test-image.js';
export { CONTAINER_PREFIX } from './container.js';
export type { Check } from './check.js';
