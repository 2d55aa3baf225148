import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImageModel } from '../../../../src/model/resolved.js';
import { prepareInputs } from '../../../../src/runner/inputs/prepare-inputs.js';
import type { CommandExec } from '../../../../src/runner/inputs/prerequisite.js';
import { cleanupProjects, tempProject, writeFiles } from '../../cli/support/temp-project.js';
import { model } from '../../plan/images.js';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const withInputs = (inputs: Partial<ImageModel['inputs']>, over: Partial<ImageModel> = {}): ImageModel =>
  model('app', { context: 'ctx', inputs: { fetch: [], copyList: [], prerequisites: [], ...inputs }, ...over });

afterEach(cleanupProjects);

describe('prepareInputs', () => {
  it('an image without inputs builds from its own context; cleanup does nothing', async () => {
    const root = await tempProject({ 'ctx/a.txt': 'a' });
    const prepared = await prepareInputs(withInputs({}), { root, cacheDir: '.cache' });
    expect(prepared.contextDir).toBe(join(root, 'ctx'));
    await prepared.cleanup();
    expect(existsSync(join(root, 'ctx/a.txt'))).toBe(true);
  });

  it('assembles context + copy-list (files and folders) + a file:// download, and cleans it up', async () => {
    const root = await tempProject({ 'ctx/own.txt': 'own', 'lib/x.txt': 'x', 'conf/a/b.conf': 'b', 'release.zip': 'zip!' });
    const url = pathToFileURL(join(root, 'release.zip')).href;
    const image = withInputs({
      copyList: [
        { src: 'lib/x.txt', dest: 'deps/x.txt' },
        { src: 'conf', dest: 'etc' },
      ],
      fetch: [{ url, sha256: sha('zip!'), dest: 'dl/release.zip' }],
    });
    const prepared = await prepareInputs(image, { root, cacheDir: '.cache' });
    expect(prepared.contextDir.startsWith(join(await realpath(root), '.cache/contexts/app-'))).toBe(true);
    const read = (p: string) => readFile(join(prepared.contextDir, p), 'utf8');
    expect([await read('own.txt'), await read('deps/x.txt'), await read('etc/a/b.conf'), await read('dl/release.zip')]).toEqual([
      'own',
      'x',
      'b',
      'zip!',
    ]);
    expect(await readFile(join(root, '.cache/downloads', sha('zip!')), 'utf8')).toBe('zip!');
    await prepared.cleanup();
    expect(await readdir(join(root, '.cache/contexts'))).toEqual([]);
  });

  it('a context of "." is copied without the cache folder inside it', async () => {
    const root = await tempProject({ 'a.txt': 'a', 'lib/x.txt': 'x' });
    const prepared = await prepareInputs(withInputs({ copyList: [{ src: 'lib/x.txt', dest: 'x.txt' }] }, { context: '.' }), {
      root,
      cacheDir: '.cache',
    });
    expect((await readdir(prepared.contextDir)).sort()).toEqual(['a.txt', 'lib', 'x.txt']);
    await prepared.cleanup();
  });

  it('a checksum mismatch names image, url and both digests, and keeps no file', async () => {
    const root = await tempProject({ 'ctx/own.txt': 'own', 'release.zip': 'tampered' });
    const url = pathToFileURL(join(root, 'release.zip')).href;
    const image = withInputs({ fetch: [{ url, sha256: sha('original'), dest: 'r.zip' }] });
    await expect(prepareInputs(image, { root, cacheDir: '.cache' })).rejects.toThrow(
      `app: checksum mismatch for file://${root}/release.zip: expected sha256 ${sha('original')}, got ${sha('tampered')}; the file was not kept`,
    );
    expect(await readdir(join(root, '.cache/downloads'))).toEqual([]);
    expect(await readdir(join(root, '.cache/contexts')).catch(() => [])).toEqual([]);
  });

  it('a download that fails names the url without its query or credentials', async () => {
    const root = await tempProject({ 'ctx/own.txt': 'own' });
    const image = withInputs({ fetch: [{ url: 'http://user:pw@127.0.0.1:9/x.zip?token=abc', sha256: sha('x'), dest: 'x.zip' }] });
    const err = await prepareInputs(image, { root, cacheDir: '.cache' }).catch((e: Error) => e);
    expect(String(err)).toContain('app: could not download http://127.0.0.1:9/x.zip: ');
    expect(String(err)).not.toMatch(/pw|token/);
  });

  it('rejects copy-list paths outside the project or the context', async () => {
    const root = await tempProject({ 'ctx/own.txt': 'own', 'a.txt': 'a' });
    await expect(prepareInputs(withInputs({ copyList: [{ src: '../etc/passwd', dest: 'p' }] }), { root, cacheDir: '.c' })).rejects.toThrow(
      'inputs.copyList[0].src "../etc/passwd" must be a path inside the project',
    );
    await expect(prepareInputs(withInputs({ copyList: [{ src: 'a.txt', dest: '../../x' }] }), { root, cacheDir: '.c' })).rejects.toThrow(
      'inputs.copyList[0].dest "../../x" must be a path inside the build context',
    );
    await expect(prepareInputs(withInputs({ copyList: [{ src: 'nope.txt', dest: 'x' }] }), { root, cacheDir: '.c' })).rejects.toThrow(
      'inputs.copyList[0].src "nope.txt" does not exist',
    );
    expect(await readdir(join(root, '.c/contexts'))).toEqual([]);
  });

  it('runs a prerequisite, then skips it until an input, the command or an output changes', async () => {
    const root = await tempProject({ 'ctx/own.txt': 'own', 'src/a.go': 'package a', 'src/sub/b.go': 'package b', 'src/readme.md': 'r' });
    const calls: string[][] = [];
    const exec: CommandExec = async (argv, opts) => {
      calls.push([...argv, opts.cwd]);
      await writeFiles(root, { 'out/bin': 'binary' });
      return { exitCode: 0, output: '' };
    };
    const prereq = { name: 'bin', command: ['go', 'build'], inputs: ['src/**/*.go'], outputs: ['out/bin'], cwd: 'src' };
    const image = withInputs({ prerequisites: [prereq] });
    const run = async (img = image) => (await prepareInputs(img, { root, cacheDir: '.cache', exec })).cleanup();
    await run();
    expect(calls).toEqual([['go', 'build', join(root, 'src')]]);
    await run();
    await writeFiles(root, { 'src/readme.md': 'not an input' });
    await run();
    expect(calls).toHaveLength(1);
    await writeFiles(root, { 'src/sub/b.go': 'package b // changed' });
    await run();
    expect(calls).toHaveLength(2);
    await run(withInputs({ prerequisites: [{ ...prereq, command: ['go', 'build', '-v'] }] }));
    expect(calls).toHaveLength(3);
    await run(withInputs({ prerequisites: [{ ...prereq, command: ['go', 'build', '-v'] }] }));
    expect(calls).toHaveLength(3);
    const stamp = JSON.parse(await readFile(join(root, '.cache/prereq/bin.json'), 'utf8')) as { stamp: string };
    expect(stamp.stamp).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a prerequisite that fails or produces nothing is an error, and no stamp is written', async () => {
    const root = await tempProject({ 'ctx/own.txt': 'own', 'in.txt': 'i' });
    const prereq = { name: 'p', command: ['make'], inputs: ['in.txt'], outputs: ['out/x'] };
    const failing: CommandExec = async () => ({ exitCode: 2, output: 'compiling\nmake: *** [all] Error 1' });
    await expect(prepareInputs(withInputs({ prerequisites: [prereq] }), { root, cacheDir: '.c', exec: failing })).rejects.toThrow(
      'app: prerequisite "p" (make) exited with 2: compiling / make: *** [all] Error 1',
    );
    const idle: CommandExec = async () => ({ exitCode: 0, output: '' });
    await expect(prepareInputs(withInputs({ prerequisites: [prereq] }), { root, cacheDir: '.c', exec: idle })).rejects.toThrow(
      'app: prerequisite "p" succeeded but did not produce out/x',
    );
    await expect(
      prepareInputs(withInputs({ prerequisites: [{ ...prereq, inputs: ['none/**'] }] }), { root, cacheDir: '.c', exec: idle }),
    ).rejects.toThrow('app: prerequisite "p": inputs "none/**" match no file');
    expect(existsSync(join(root, '.c/prereq/p.json'))).toBe(false);
  });

  it('runs a real command with argv (no shell) through execa', async () => {
    const root = await tempProject({ 'ctx/own.txt': 'own', 'in.txt': 'i' });
    const lines: string[] = [];
    const prereq = {
      name: 'real',
      command: [process.execPath, '-e', "require('fs').mkdirSync('out');require('fs').writeFileSync('out/x','$HOME');console.log('made')"],
      inputs: ['in.txt'],
      outputs: ['out/x'],
    };
    const prepared = await prepareInputs(withInputs({ prerequisites: [prereq] }), { root, cacheDir: '.c', onLine: (l) => lines.push(l) });
    expect(await readFile(join(root, 'out/x'), 'utf8')).toBe('$HOME');
    expect(lines).toContain('made');
    expect(lines).toContain('prerequisite real: ran');
    await prepared.cleanup();
  });
});
