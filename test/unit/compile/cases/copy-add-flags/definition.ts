// COPY and ADD with every flag (the syntax the newer flags need is set), --exclude glob patterns,
// JSON form for spaces.
import type { CompileCase } from '../../../../../scripts/compile-cases.js';
import { add, copy, external, imageModel, stageModel, stageRef } from '../../../support/model.js';

export default {
  image: imageModel({
    id: 'files',
    syntax: 'docker/dockerfile:1.7-labs',
    stages: [
      stageModel('src', external('busybox:stable'), []),
      stageModel('main', external('busybox:stable'), [
        copy(['app/', 'lib/'], '/opt/app/', { from: stageRef('src'), chown: '1000:1000', chmod: '0644', link: true, parents: true, exclude: ['node_modules', 'docs/build', '**/*.md', '!README.md'] }),
        copy('my file.txt', '/opt/my dir/'),
        copy('bin/run', '/usr/local/bin/', { chmod: 'u+x', link: false }),
        add('https://example.test/tool.tgz', '/tmp/', { checksum: `sha256:${'a'.repeat(64)}`, chown: 'app', chmod: '0600', link: true, exclude: ['tmp', 'share/doc/*.[0-9]'] }),
        add('https://github.com/moby/buildkit.git#v0.13.0', '/src/buildkit', { keepGitDir: true }),
      ]),
    ],
  }),
} satisfies CompileCase;
