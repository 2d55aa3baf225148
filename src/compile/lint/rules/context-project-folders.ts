/**
 * `context-project-folders`: the build context sends `node_modules/`, the definitions or the output
 * folder. BuildKit copies them and the input digest counts them: a comment edited in a definition
 * rebuilds the image. Known only when the caller looked at the files (`ctx.sentFolders`, from gen).
 */
import type { LintRule } from '../rule.js';

export const contextProjectFolders: LintRule<'context-project-folders'> = {
  id: 'context-project-folders',
  description: 'The build context sends node_modules/, the definitions folder or the output folder.',
  defaultSeverity: 'warning',
  check(image, ctx) {
    const where =
      image.dockerignore === undefined ? `${image.context === '.' ? '' : `${image.context}/`}.dockerignore` : "the image's `dockerignore`";
    return (ctx.sentFolders?.get(image.id) ?? []).map((s) => ({
      path: ['context'],
      message: `the build context "${image.context}" sends ${s.folder} to BuildKit, and every change in it rebuilds the image: add the line \`${s.line}\` to ${where}`,
    }));
  },
};
