// `# escape=`` ` ``: continuation lines and escapes use the backtick.
import type { CompileCase } from '../../../../../scripts/compile-cases.js';
import { env, external, imageModel, run, stageModel, workdir } from '../../../support/model.js';

export default {
  image: imageModel({
    id: 'win',
    escape: '`',
    syntax: 'docker/dockerfile:1',
    stages: [
      stageModel('main', external('mcr.microsoft.com/windows/servercore:ltsc2022'), [
        env({ TOOLS: 'C:\\tools', QUOTE: 'say "hi" `now`' }),
        workdir('C:\\app'),
        run(['echo one', 'echo two']),
      ]),
    ],
  }),
} satisfies CompileCase;
