export { verifyImages, verifyOne, type VerifyItem, type VerifyResult, type VerifyStatus } from './verify-images.js';
export { verifyImage, type VerifyTarget } from './verify-image.js';
export { CONTAINER_PREFIX } from './container.js';
export type { Check } from './check.js';
