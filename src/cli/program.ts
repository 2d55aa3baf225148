/** The commander program: global options, every command, output through the context. */
import { toolVersion } from './tool-version.js';
import { Command } from 'commander';
import { COMMANDS } from './commands.js';
import type { CliContext } from './context.js';
import { addGlobalOptions } from './global-options.js';

/** This package's version (package.json sits two folders up from both src/cli and dist/cli). */

export function createProgram(ctx: CliContext): Command {
  const program = new Command('dockwright')
    .description('Container images as typed TypeScript objects: generate Dockerfiles, build, push and test them.')
    .version(toolVersion(), '-V, --version', 'print the version of dockwright')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .showSuggestionAfterError()
    .allowExcessArguments(false);
  addGlobalOptions(program);
  for (const make of COMMANDS) {
    const command = make(ctx);
    command.copyInheritedSettings(program);
    program.addCommand(command);
  }
  return program;
}
