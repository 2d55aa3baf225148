/**
 * DockerfileIr → DockerfileView: every value quoted, every instruction complete text. Collects
 * every value the quoting module refuses and throws them together as a {@link ViewError}.
 */
import type { DockerfileIr } from '../../ir/index.js';
import { QuoteError, token, type EscapeChar } from '../quote.js';
import type { DockerfileView, DockerignoreView } from '../view-types.js';
import { instructionText } from './instruction-text.js';
import { createQuoting, type Quoting } from './quoting.js';
import { ViewError } from './view-error.js';

export interface ViewOptions {
  /** The Dockerfile's escape character (the IR's `directives.escape` unless overridden). */
  readonly escape?: EscapeChar;
}

const oneLine = (subject: string, value: string): string => {
  if (/[\r\n]/.test(value)) throw new QuoteError('DW_QUOTE_NEWLINE', subject, value, 'contains a line break', 'a single line');
  return value;
};

const headerOf = (q: Quoting, file: string, image: string): DockerfileView['header'] => ({
  file: q.at(['file'], () => oneLine('definition file name', file)),
  image: q.at(['id'], () => oneLine('image id', image)),
});

export function buildView(ir: DockerfileIr, opts: ViewOptions = {}): DockerfileView {
  const escape = opts.escape ?? ir.directives.escape;
  const q = createQuoting(escape);
  const { syntax } = ir.directives;
  const directives = [
    ...(syntax === undefined ? [] : [`# syntax=${q.at(['syntax'], () => token(syntax))}`]),
    ...(escape === '\\' ? [] : [`# escape=${escape}`]),
  ];
  const view: DockerfileView = {
    directives,
    header: headerOf(q, ir.header.file, ir.header.imageId),
    globalArgs: ir.globalArgs.map((a) => instructionText(a, q)),
    stages: ir.stages.map((s) => ({ lines: [instructionText(s.from, q), ...s.instructions.map((n) => instructionText(n, q))] })),
  };
  if (q.failures.length > 0) throw new ViewError(q.failures);
  return view;
}

/** The ignore file of an image (`<dir>/Dockerfile.dockerignore`): its patterns, one per line. */
const ignorePattern = (p: string): string => {
  if (p.startsWith('#')) {
    throw new QuoteError(
      'DW_QUOTE_COMMENT_LIKE',
      '.dockerignore pattern',
      p,
      'starts with "#", so docker reads it as a comment and ignores nothing',
      String.raw`"\#…" for a name starting with "#" (a comment belongs in the definition, as // …)`,
    );
  }
  return oneLine('.dockerignore pattern', p);
};

export function buildDockerignoreView(patterns: readonly string[], header: DockerfileIr['header']): DockerignoreView {
  const q = createQuoting('\\');
  const view: DockerignoreView = {
    header: headerOf(q, header.file, header.imageId),
    lines: patterns.map((p, i) => q.at(['dockerignore', i], () => ignorePattern(p))),
  };
  if (q.failures.length > 0) throw new ViewError(q.failures);
  return view;
}
