/** A template compiled ahead of time (precompile.ts), with the source it was compiled from. */
import type Handlebars from 'handlebars';

/** What `Handlebars.precompile` makes and `template` takes. */
type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

export interface PrecompiledTemplate {
  readonly source: string;
  readonly spec: TemplateSpecification;
}

/** By file name relative to the templates folder, like {@link TemplateSources}. */
export type PrecompiledTemplates = Readonly<Record<string, PrecompiledTemplate>>;
