/**
 * The public API for definition authors: `import { image, stage, run, copy } from 'dockwright'`.
 */
export * from './api/instructions.js';
export * from './api/mounts.js';
export * from './api/image.js';
export * from './api/config.js';
export * from './api/literal.js';
export type { ImageDef, ImageSpec } from './model/image.js';
export type { StageDef } from './model/stage.js';
export type { InstructionInput as Instruction } from './model/instruction.js';
export type { MountInput as Mount } from './model/mount.js';
export type { SettingsInput as Settings } from './model/settings.js';
export { tagFromGitRef } from './plan/git-ref.js';
