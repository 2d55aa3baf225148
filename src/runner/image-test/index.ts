export { testImages, verifyOne, type ImageTestItem, type ImageTestResult, type VerifyStatus } from './test-images.js';
export { testImage, type TestTarget } from './test-image.js';
export { CONTAINER_PREFIX } from './container.js';
export type { Check } from './check.js';
