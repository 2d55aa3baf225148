/**
 * Options `push`, `save` and `test` share with `build`: which images (names, `--only`, `--skip`,
 * `--group`, `--no-deps`) and which engine (`--context`; DOCKER_HOST and DOCKER_CONFIG come from
 * the environment). Registering them loads nothing but commander; actions parse them with
 * `SelectionOptions` (ship-selection.ts).
 */
import type { Command } from 'commander';

const collectList = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').filter(Boolean)];

/** `--only`, `--skip` and `--group` (`test` has no `--no-deps`). */
export const addFilterOptions = (command: Command): Command =>
  command
    .option('--only <names>', 'keep only the named images of the selection (repeatable, comma-separated)', collectList)
    .option('--skip <names>', 'leave these images out (repeatable, comma-separated)', collectList)
    .option('--group <group>', 'select the images of a group (repeatable, comma-separated)', collectList);

export const addSelectionOptions = (command: Command, deps: string): Command => addFilterOptions(command).option('--no-deps', deps);

export const addEngineOptions = (command: Command): Command =>
  command.option('--context <name>', 'the docker context to use (docker --context); DOCKER_HOST is honoured too');

/** `--builder NAME` of the commands that build (`build` declares its own). */
export const addBuilderOption = (command: Command): Command =>
  command.option('--builder <name>', 'the buildx builder to build with (e.g. a remote BuildKit)');
