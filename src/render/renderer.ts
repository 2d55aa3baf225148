/**
 * The only handlebars code. Templates are compiled with `strict` (a missing field throws) and
 * `noEscape` (no HTML escaping: `&&` stays `&&`). Output is normalized to `\n` line endings and
 * exactly one trailing newline, so it is byte-stable.
 */
import Handlebars from 'handlebars';
import { ConfigError } from '../errors/index.js';
import { DOCKERFILE_TEMPLATE, DOCKERIGNORE_TEMPLATE, PARTIALS_DIR, type TemplateSources } from './template-sources.js';
import type { DockerfileView, DockerignoreView } from './view-types.js';

export interface Renderer {
  render(view: DockerfileView): string;
  renderDockerignore(view: DockerignoreView): string;
}

const OPTIONS = { strict: true, noEscape: true } as const;

const normalize = (text: string): string => `${text.replace(/\r\n?/g, '\n').replace(/\n+$/, '')}\n`;

/** The last renderer made, by its templates' text: a long-running `watch` renders with the same templates every run. */
let last: { readonly key: string; readonly renderer: Renderer } | undefined;

/**
 * Compiles the templates once (a syntax error in one is a ConfigError naming it). Handlebars
 * compiles a template to code on its first render and keeps it; parsing here only finds syntax
 * errors early (a full `precompile` would generate every template's code twice). The same
 * templates (by their text) get the renderer made last, with what it has compiled.
 */
export function createRenderer(templates: TemplateSources): Renderer {
  const key = JSON.stringify(Object.entries(templates).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  if (last?.key === key) return last.renderer;
  const renderer = compileRenderer(templates);
  last = { key, renderer };
  return renderer;
}

function compileRenderer(templates: TemplateSources): Renderer {
  const hb = Handlebars.create();
  const compile = (name: string): Handlebars.TemplateDelegate => {
    const source = templates[name];
    if (source === undefined) throw new ConfigError(`templates: ${name} is missing`);
    try {
      hb.parse(source);
    } catch (error) {
      throw new ConfigError(`templates: ${name} is not a valid handlebars template: ${(error as Error).message}`, { cause: error });
    }
    return hb.compile(source, OPTIONS);
  };
  for (const name of Object.keys(templates).sort()) {
    if (!name.startsWith(PARTIALS_DIR) || !name.endsWith('.hbs')) continue;
    hb.registerPartial(name.slice(PARTIALS_DIR.length, -'.hbs'.length), compile(name));
  }
  const dockerfile = compile(DOCKERFILE_TEMPLATE);
  const dockerignore = compile(DOCKERIGNORE_TEMPLATE);
  const run = <V>(name: string, template: Handlebars.TemplateDelegate, view: V): string => {
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
