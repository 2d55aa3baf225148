import type { SettingsInput } from '../model/settings.js';

/** Typed `dockwright.config.ts`: `export default defineConfig({ namespace: 'federatedai', … })`. */
export const defineConfig = (settings: SettingsInput): SettingsInput => settings;
