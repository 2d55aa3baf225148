import { describe, expect, it } from 'vitest';
import type { Expr, ImportedImage } from '../../../src/import/definition-model.js';
import { mapDockerfile, matchImage, type MapOptions } from '../../../src/import/map-dockerfile.js';
import { parseDockerfile } from '../../../src/import/parse-dockerfile.js';

const map = (text: string, opts: Partial<MapOptions> = {}) =>
  mapDockerfile(parseDockerfile(text), { name: 'app', file: 'app/Dockerfile', ...opts });

/** A step as `helper(args…)` shorthand, to read tests at a glance. */
const show = (e: Expr): string => {
  switch (e.kind) {
    case 'string':
      return JSON.stringify(e.value);
    case 'number':
    case 'boolean':
      return String(e.value);
    case 'array':
      return `[${e.items.map(show).join(', ')}]`;
    case 'object':
      return `{${e.entries.map((en) => `${en.key}: ${show(en.value)}`).join(', ')}}`;
    case 'stage-ref':
      return `<stage ${e.stage}>`;
    case 'image-ref':
      return `<image ${e.image}>`;
    case 'call':
      return `${e.helper}(${e.args.map(show).join(', ')})`;
  }
};
const steps = (image: ImportedImage, stage = 0): string[] => (image.stages[stage]?.steps ?? []).map((s) => show(s.expr));

describe('mapDockerfile: ARGs', () => {
  const text = 'ARG BASE=debian\nARG TAG\nFROM ${BASE}:${TAG} AS build\nARG BASE\nARG LOCAL=1\nARG TAG=override\nRUN echo $BASE $LOCAL\n';

  it('folds global ARGs into image args and drops their bare redeclarations; stage ARGs stay where they are', () => {
    const { image, warnings } = map(text);
    expect(image.args).toEqual([
      { name: 'BASE', default: 'debian', comments: [] },
      { name: 'TAG', default: undefined, comments: [] },
    ]);
    expect(steps(image)).toEqual(['arg("LOCAL", "1")', 'raw("ARG TAG=override")', 'run("echo $BASE $LOCAL")']);
    expect(warnings).toEqual([
      {
        file: 'app/Dockerfile',
        line: 6,
        message: 'not modelled: ARG TAG=override gives the image ARG TAG another default in this stage (kept as raw)',
      },
    ]);
  });

  it('a redeclaration the stage does not use, in a stage with RUN, makes the image ARG forRun (its RUNs read it from the environment)', () => {
    const { image, warnings } = map('ARG V=1\nFROM a:${V}\nARG V\nRUN ./build.sh\nCMD echo $V\n');
    expect(steps(image)).toEqual(['run("./build.sh")', 'cmd({form: "shell", command: "echo $V"})']);
    expect(image.args).toEqual([{ name: 'V', default: '1', comments: [], forRun: true }]);
    expect(warnings).toEqual([]);
  });

  it('leaves out, with a warning, a global ARG that only served a FROM which became an image reference', () => {
    const { image, warnings } = map('ARG TAG=1\nARG KEEP=x\nFROM team/base:${TAG}\nRUN echo $KEEP\n', { images: new Set(['base']) });
    expect(image.args.map((a) => a.name)).toEqual(['KEEP']);
    expect(warnings.map((w) => [w.line, w.message])).toEqual([
      [1, expect.stringMatching(/^ARG TAG is used by nothing .*\(left out of the definition\)$/)],
    ]);
  });

  it('--from naming a named build context is namedContext(); an unknown bare name is external, with a warning', () => {
    const text = 'FROM a AS s\nCOPY --from=pkgs /x /x\nCOPY --from=tools /y /y\n';
    const { image, warnings } = map(text, { buildContexts: { pkgs: 'contexts/pkgs' } });
    expect(steps(image)).toEqual(['copy("/x", "/x", {from: namedContext("pkgs")})', 'copy("/y", "/y", {from: externalImage("tools")})']);
    expect(image.buildContexts).toEqual({ pkgs: 'contexts/pkgs' });
    expect(warnings.map((w) => [w.line, w.message])).toEqual([[3, expect.stringContaining('--build-context tools=<folder>')]]);
  });

  it('--arg sets the default of global and stage ARGs and reports which it used', () => {
    const { image, usedArgs } = map(text, { args: { TAG: '1.0', LOCAL: '2', OTHER: 'x' } });
    expect(image.args.map((a) => [a.name, a.default])).toEqual([
      ['BASE', 'debian'],
      ['TAG', '1.0'],
    ]);
    expect(steps(image).slice(0, 2)).toEqual(['arg("LOCAL", "2")', 'raw("ARG TAG=override")']);
    expect([...usedArgs].sort()).toEqual(['LOCAL', 'TAG']);
  });
});

describe('mapDockerfile: stages and references', () => {
  it('names unnamed stages, resolves --from by name (any case) and by index, and FROM <stage>', () => {
    const { image } = map(
      'FROM golang AS Build\nRUN go build\nFROM build AS test\nFROM alpine\nCOPY --from=0 /a /a\nCOPY --from=BUILD /b /b\nCOPY --from=busybox:stable /bin/sh /sh\n',
    );
    expect(image.stages.map((s) => [s.name, show(s.from)])).toEqual([
      ['build', '"golang"'],
      ['test', '<stage build>'],
      ['main', '"alpine"'],
    ]);
    expect(steps(image, 2)).toEqual([
      'copy("/a", "/a", {from: <stage build>})',
      'copy("/b", "/b", {from: <stage build>})',
      'copy("/bin/sh", "/sh", {from: externalImage("busybox:stable")})',
    ]);
  });

  it('makes a FROM or --from naming another imported image a reference', () => {
    const { image } = map(
      'ARG TAG\nFROM registry.example.com/team/base-image:${TAG}\nCOPY --from=base-image /x /x\nRUN --mount=type=bind,from=tools,target=/t ls /t\n',
      { images: new Set(['app', 'base-image', 'tools']) },
    );
    expect(show(image.stages[0]?.from ?? { kind: 'number', value: 0 })).toBe('<image base-image>');
    expect(steps(image)).toEqual([
      'copy("/x", "/x", {from: <image base-image>})',
      'run("ls /t", {mounts: [bindMount("/t", {from: <image tools>})]})',
    ]);
    expect(matchImage('app:latest', new Set(['app']), 'app')).toBeUndefined();
  });

  it('keeps stage names docker accepts and reports the ones it had to change', () => {
    const { image, warnings } = map('FROM a AS Build_Env\nFROM b AS build__x\n');
    expect(image.stages.map((s) => s.name)).toEqual(['build_env', 'build_x']);
    expect(warnings).toEqual([{ file: 'app/Dockerfile', line: 2, message: 'stage name "build__x" became "build_x" (app/Dockerfile)' }]);
  });
});

describe('mapDockerfile: instructions', () => {
  it('maps flags, mounts, forms and healthchecks to helper calls', () => {
    const { image, warnings } = map(
      [
        'FROM x',
        'RUN --mount=type=cache,target=/root/.npm,sharing=locked,id=npm --mount=type=secret,id=tok,env=TOKEN,required --network=none npm ci',
        'RUN --mount=type=ssh --mount=type=tmpfs,dst=/tmp,size=1024 --mount=type=bind,source=a,target=/a,rw ["make", "all"]',
        'COPY --chown=1000:1000 --chmod=0755 --link --exclude=*.md --exclude=*.txt ["a b", "c", "/d/"]',
        'ADD --checksum=sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef --keep-git-dir=true https://x/y.tgz /z',
        'EXPOSE 80 53/udp 443/tcp',
        'USER 1000:1000',
        'HEALTHCHECK --interval=30s --retries=3 CMD curl -f http://localhost/ || exit 1',
        'HEALTHCHECK NONE',
        'ONBUILD RUN echo child',
        'CMD echo "hi there"',
        'ENTRYPOINT ["/tini", "--"]',
        'ENV A=1 B="two words"',
        'LABEL "x y"=z',
        'VOLUME /data /logs',
        'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
        'STOPSIGNAL SIGQUIT',
        'WORKDIR /srv',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(steps(image)).toEqual([
      'run("npm ci", {mounts: [cacheMount("/root/.npm", {id: "npm", sharing: "locked"}), secretMount("tok", {env: "TOKEN", required: true})], network: "none"})',
      'runExec(["make", "all"], {mounts: [sshMount(), tmpfsMount("/tmp", {size: 1024}), bindMount("/a", {source: "a", readwrite: true})]})',
      'copy(["a b", "c"], "/d/", {chown: "1000:1000", chmod: "0755", link: true, exclude: ["*.md", "*.txt"]})',
      'add("https://x/y.tgz", "/z", {checksum: "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", keepGitDir: true})',
      'expose(80, {port: 53, protocol: "udp"}, 443)',
      'user("1000", "1000")',
      'healthcheck({test: {form: "shell", command: "curl -f http://localhost/ || exit 1"}, interval: "30s", retries: 3})',
      'healthcheck("none")',
      'onbuild(run("echo child"))',
      'cmd({form: "shell", command: "echo \\"hi there\\""})',
      'entrypoint(["/tini", "--"])',
      'env({A: "1", B: "two words"})',
      'label({x y: "z"})',
      'volume("/data", "/logs")',
      'shell(["/bin/bash", "-o", "pipefail", "-c"])',
      'stopsignal("SIGQUIT")',
      'workdir("/srv")',
    ]);
  });

  it('keeps what the API cannot express as raw text, with a warning naming file and line', () => {
    const { image, warnings } = map(
      'FROM x\nMAINTAINER me\nEXPOSE 8000-8010\nCOPY --chmod=rwx a b\nRUN <<EOF bash\necho hi\nEOF\nRUN --frobnicate x\n',
    );
    expect(image.stages[0]?.steps.map((s) => [s.line, s.notModelled !== undefined, show(s.expr)])).toEqual([
      [2, true, 'raw("MAINTAINER me")'],
      [3, true, 'raw("EXPOSE 8000-8010")'],
      [4, true, 'raw("COPY --chmod=rwx a b")'],
      [5, true, 'raw("RUN <<EOF bash\\necho hi\\nEOF")'],
      [8, true, 'raw("RUN --frobnicate x")'],
    ]);
    expect(warnings.map((w) => `${w.file}:${w.line}`)).toEqual([
      'app/Dockerfile:2',
      'app/Dockerfile:3',
      'app/Dockerfile:4',
      'app/Dockerfile:5',
      'app/Dockerfile:8',
    ]);
    expect(warnings[2]?.message).toMatch(/chmod/);
    expect(warnings[4]?.message).toBe('not modelled: flag --frobnicate (kept as raw)');
  });

  it('keeps a plain heredoc RUN as a script', () => {
    const { image } = map("FROM x\nRUN <<'EOF'\nset -e\necho ${HOME}\nEOF\n");
    expect(steps(image)).toEqual(['runScript("set -e\\necho ${HOME}")']);
  });
});

describe('mapDockerfile: comments and directives', () => {
  it('puts comments above FROM and global ARGs on them, others in place as comment() steps', () => {
    const { image } = map(
      '# syntax=docker/dockerfile:1\n# header\n\n# the version\nARG V=1\n# build stage\nFROM a AS build\n# step comment\nRUN make \\\n  # inside\n  all\n\n# loose\n\n# runtime\nFROM b\n# trailing\n',
    );
    expect(image.syntax).toBe('docker/dockerfile:1');
    expect(image.headerComments).toEqual(['header']);
    expect(image.args[0]?.comments).toEqual(['the version']);
    expect(image.stages.map((s) => s.comments)).toEqual([['build stage'], ['runtime']]);
    expect(steps(image, 0)).toEqual(['comment("step comment")', 'run("make all")', 'comment("loose")']);
    expect(image.stages[0]?.steps[1]?.comments).toEqual(['inside']);
    expect(steps(image, 1)).toEqual(['comment("trailing")']);
  });

  it('keeps the escape directive and reports directives it cannot model', () => {
    const { image, warnings } = map('# escape=`\n# check=skip=all\nFROM x\n');
    expect(image.escape).toBe('`');
    expect(warnings).toEqual([
      { file: 'app/Dockerfile', line: 2, message: 'not modelled: parser directive "check=skip=all" (left out of the definition)' },
    ]);
  });

  it('refuses a file without FROM', () => {
    expect(() => map('RUN echo\n')).toThrow(/no FROM/);
  });
});
