export { prepareInputs, hasInputs, type PrepareOptions, type PreparedContext } from './prepare-inputs.js';
export { InputError } from './input-error.js';
export { execaCommand, type CommandExec, type CommandOptions } from './prerequisite.js';
export { inputsPreparer } from './build-hook.js';
