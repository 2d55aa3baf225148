/**
 * The definition model of one image → the text of a definition file, built with ts-morph in an
 * in-memory project: the imports it needs, one `const` per stage, the exported `image({…})`,
 * formatted by the TypeScript formatter.
 */
import { IndentationText, Project, QuoteKind, VariableDeclarationKind, type CodeBlockWriter } from 'ts-morph';
import type { Expr, ImportedImage, ImportedStep } from './definition-model.js';
import { imageEntries, isSingleStage, stageOptions } from './image-spec.js';
import { camelCase, identifierAllocator, imageConstName } from './names.js';
import { stringLiteral, writeComments, writeEntry, writeExpr, writeList, type Names } from './write-expr.js';

export const NOT_MODELLED = 'dockwright import: not modelled:';

const helpersIn = (e: Expr, into: Set<string>): void => {
  if (e.kind === 'call') into.add(e.helper);
  if (e.kind === 'call' || e.kind === 'array') (e.kind === 'call' ? e.args : e.items).forEach((x) => helpersIn(x, into));
  if (e.kind === 'object') e.entries.forEach((en) => helpersIn(en.value, into));
};

const imagesIn = (e: Expr, into: Set<string>): void => {
  if (e.kind === 'image-ref') into.add(e.image);
  if (e.kind === 'call' || e.kind === 'array') (e.kind === 'call' ? e.args : e.items).forEach((x) => imagesIn(x, into));
  if (e.kind === 'object') e.entries.forEach((en) => imagesIn(en.value, into));
};

const writeSteps = (w: CodeBlockWriter, steps: readonly ImportedStep[], names: Names): void =>
  writeList(w, '[', ']', steps, (s) => {
    writeComments(w, s.comments);
    if (s.notModelled !== undefined) w.writeLine(`// ${NOT_MODELLED} ${s.notModelled.replace(/\s+/g, ' ')}`);
    writeExpr(w, s.expr, names);
  });

/** The TypeScript source of the definition of `image`. */
export function emitDefinition(image: ImportedImage): string {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { quoteKind: QuoteKind.Single, indentationText: IndentationText.TwoSpaces },
  });
  const file = project.createSourceFile('definition.ts', '');
  const constName = imageConstName(image.name);
  const steps = image.stages.flatMap((s) => s.steps);
  const exprs = [...image.stages.map((s) => s.from), ...steps.map((s) => s.expr)];

  const others = new Set<string>();
  exprs.forEach((e) => imagesIn(e, others));
  const imageConsts = new Map([...others].sort().map((n) => [n, imageConstName(n)]));
  const allocate = identifierAllocator([constName, ...imageConsts.values()]);
  const single = isSingleStage(image);
  const stageVars = new Map(single ? [] : image.stages.map((s) => [s.name, allocate(camelCase(s.name), 'Stage')]));
  const names: Names = {
    stage: (n) => stageVars.get(n) ?? camelCase(n),
    image: (n) => imageConsts.get(n) ?? imageConstName(n),
  };

  const helpers = new Set<string>(['image']);
  if (!single) helpers.add('stage');
  exprs.forEach((e) => helpersIn(e, helpers));
  file.addImportDeclaration({ namedImports: [...helpers].sort(), moduleSpecifier: 'dockwright' });
  for (const [name, id] of imageConsts) file.addImportDeclaration({ namedImports: [id], moduleSpecifier: `./${name}.js` });

  const header = (w: CodeBlockWriter): void => {
    writeComments(w, [
      `Imported from ${image.source} by \`dockwright import\`; review, then build with \`dockwright gen\`.`,
      ...image.headerComments,
    ]);
  };
  let first = true;
  const leading =
    (comments: readonly string[]) =>
    (w: CodeBlockWriter): void => {
      if (first) header(w);
      else w.blankLine();
      first = false;
      writeComments(w, comments);
    };

  if (!single) {
    for (const s of image.stages) {
      file.addVariableStatement({
        declarationKind: VariableDeclarationKind.Const,
        leadingTrivia: leading(s.comments),
        declarations: [
          {
            name: stageVars.get(s.name) ?? s.name,
            initializer: (w) => {
              w.write(`stage(${stringLiteral(s.name)}, `);
              writeExpr(w, stageOptions(s), names);
              if (s.steps.length > 0) {
                w.write(', ');
                writeSteps(w, s.steps, names);
              }
              w.write(')');
            },
          },
        ],
      });
    }
  }

  const stage0 = image.stages[0];
  const entries = imageEntries(image);
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    leadingTrivia: leading(single ? (stage0?.comments ?? []) : []),
    declarations: [
      {
        name: constName,
        initializer: (w) => {
          w.write('image(');
          writeList(w, '{', '}', entries, (en) => {
            if ('steps' in en) {
              w.write(`${en.key}: `);
              writeSteps(w, en.steps, names);
            } else writeEntry(w, en, names);
          });
          w.write(')');
        },
      },
    ],
  });
  file.formatText({ indentSize: 2, convertTabsToSpaces: true });
  return file.getFullText();
}
