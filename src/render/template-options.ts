/**
 * How every template is compiled, at run time (renderer.ts) and ahead of time (precompile.ts):
 * `strict` (a missing field throws) and `noEscape` (no HTML escaping: `&&` stays `&&`).
 */
export const TEMPLATE_OPTIONS = { strict: true, noEscape: true } as const;
