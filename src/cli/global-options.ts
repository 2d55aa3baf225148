/**
 * Options every command takes (`-C`, `--registry`, `--tag`, …), declared once on the program.
 * Registering them loads nothing but commander; actions read them with `projectRequest`
 * (project-request.ts).
 */
import type { Command } from 'commander';

export function addGlobalOptions(program: Command): Command {
  return program
    .option('-C, --cwd <dir>', 'run as if started in <dir>')
    .option('--registry <host>', 'registry part of every tag (DOCKWRIGHT_REGISTRY)')
    .option('--namespace <ns>', 'namespace part of every tag (DOCKWRIGHT_NAMESPACE)')
    .option('--tag <tag>', 'tag of module images (DOCKWRIGHT_TAG)')
    .option('--base-tag <tag>', 'tag of base images (DOCKWRIGHT_BASE_TAG)')
    .option('--image-version <version>', 'version of images that set none (DOCKWRIGHT_VERSION)')
    .option('--git-ref <ref>', 'git ref to derive the tag from (DOCKWRIGHT_GIT_REF)')
    .option('--definitions <dir>', 'definitions folder (DOCKWRIGHT_DEFINITIONS_DIR)')
    .option('--output <dir>', 'output folder of generated files (DOCKWRIGHT_OUTPUT_DIR)')
    .option('--templates <dir>', 'folder of templates replacing the built-in ones (DOCKWRIGHT_TEMPLATES_DIR)');
}
