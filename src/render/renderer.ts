/**
 * The only handlebars code. Templates are compiled with `strict` (a missing field throws) and
 * `noEscape` (no HTML escaping: `&&` stays `&&`). Output is normalized to `\n` line endings and
 * exactly one trailing newline, so it is byte-stable.
 *
 * A template whose source is a built-in one, unchanged, comes compiled ahead of time
 * (precompiled-templates.ts): handlebars' runtime runs it. Any other source (a user's
 * `templatesDir`, a built-in template edited since `npm run templates`) is compiled here, and only
 * then is handlebars' compiler loaded.
 */
import Runtime from 'handlebars/runtime.js';
import type HandlebarsModule from 'handlebars';
import { ConfigError } from '../errors/index.js';
import type { PrecompiledTemplates } from './precompiled.js';
import { PRECOMPILED } from './precompiled-templates.js';
import { TEMPLATE_OPTIONS } from './template-options.js';
import { DOCKERFILE_TEMPLATE, DOCKERIGNORE_TEMPLATE, PARTIALS_DIR, type TemplateSources } from './template-sources.js';
import type { DockerfileView, DockerignoreView } from './view-types.js';

type Handlebars = typeof HandlebarsModule;

export interface Renderer {
  render(view: DockerfileView): string;
  renderDockerignore(view: DockerignoreView): string;
}

const normalize = (text: string): string => `${text.replace(/\r\n?/g, '\n').replace(/\n+$/, '')}\n`;

/** The templates compiled ahead of time for exactly these sources. */
const precompiledFor = (templates: TemplateSources, precompiled: PrecompiledTemplates): PrecompiledTemplates =>
  Object.fromEntries(Object.entries(precompiled).filter(([name, p]) => templates[name] === p.source));

/** The last renderer made, by its templates' text: a long-running `watch` renders with the same templates every run. */
let last: { readonly key: string; readonly precompiled: PrecompiledTemplates; readonly renderer: Renderer } | undefined;

/**
 * Compiles the templates once (a syntax error in one is a ConfigError naming it). Handlebars
 * compiles a template to code on its first render and keeps it; parsing here only finds syntax
 * errors early (a full `precompile` would generate every template's code twice).
 * `precompiled`: the built-in templates compiled ahead of time (the tests pass none). The same
 * templates (by their text) get the renderer made last, with what it has compiled.
 */
export async function createRenderer(templates: TemplateSources, precompiled: PrecompiledTemplates = PRECOMPILED): Promise<Renderer> {
  const key = JSON.stringify(Object.entries(templates).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  if (last?.key === key && last.precompiled === precompiled) return last.renderer;
  const renderer = await compileRenderer(templates, precompiled);
  last = { key, precompiled, renderer };
  return renderer;
}

async function compileRenderer(templates: TemplateSources, precompiled: PrecompiledTemplates): Promise<Renderer> {
  const ready = precompiledFor(templates, precompiled);
  const needsCompiler = Object.keys(templates).some((name) => ready[name] === undefined);
  const hb: Handlebars = needsCompiler ? (await import('handlebars')).default.create() : (Runtime as unknown as Handlebars).create();
  const compile = (name: string): HandlebarsModule.TemplateDelegate => {
    const ahead = ready[name];
    if (ahead !== undefined) return hb.template(ahead.spec);
    const source = templates[name];
    if (source === undefined) throw new ConfigError(`templates: ${name} is missing`);
    try {
      hb.parse(source);
    } catch (error) {
      throw new ConfigError(`templates: ${name} is not a valid handlebars template: ${(error as Error).message}`, { cause: error });
    }
    return hb.compile(source, TEMPLATE_OPTIONS);
  };
  for (const name of Object.keys(templates).sort()) {
    if (!name.startsWith(PARTIALS_DIR) || !name.endsWith('.hbs')) continue;
    hb.registerPartial(name.slice(PARTIALS_DIR.length, -'.hbs'.length), compile(name));
  }
  const dockerfile = compile(DOCKERFILE_TEMPLATE);
  const dockerignore = compile(DOCKERIGNORE_TEMPLATE);
  const run = <V>(name: string, template: HandlebarsModule.TemplateDelegate, view: V): string => {
    try {
      return normalize(template(view));
    } catch (error) {
      throw new ConfigError(`templates: ${name} failed to render: ${(error as Error).message}`, { cause: error });
    }
  };
  return {
    render: (view) => run(DOCKERFILE_TEMPLATE, dockerfile, view),
    renderDockerignore: (view) => run(DOCKERIGNORE_TEMPLATE, dockerignore, view),
  };
}
