import { describe, expect, it } from 'vitest';
import { bakeLineSorter } from '../../../src/runner/bake-lines.js';

/** The shape of `docker buildx bake --progress=plain` output (buildx 0.13), two targets interleaved. */
const OUTPUT = [
  '#0 building with "default" instance using docker driver',
  '',
  '#1 [internal] load local bake definitions',
  '#1 DONE 0.0s',
  '#2 [python internal] load build definition from Dockerfile',
  '#3 [client internal] load build definition from Dockerfile',
  '#2 transferring dockerfile: 1.30kB done',
  '#2 DONE 0.0s',
  '#4 [python main 2/3] RUN echo hi',
  '#4 0.213 hi',
  '#5 [python] exporting to image',
  '#5 exporting layers 0.1s done',
  '#4 DONE 0.3s',
  '#5 naming to docker.io/acme/python:1 done',
  '#5 DONE 0.1s',
  '#6 [client 2/2] COPY bin/ /opt/bin/',
  '#6 ERROR: failed to calculate checksum',
  'ERROR: target client: failed to solve: failed to calculate checksum',
];

describe('bakeLineSorter', () => {
  it('a registry cache that is not there yet (BuildKit goes on without it) is no failed step', () => {
    const sorter = bakeLineSorter(new Set(['left']));
    expect(sorter.sort('#7 [left] importing cache manifest from 127.0.0.1:5000/acme/left:buildcache').target).toBe('left');
    const miss = sorter.sort('#7 ERROR: failed to configure registry cache importer: 127.0.0.1:5000/acme/left:buildcache: not found');
    expect(miss.target).toBe('left');
    expect(miss.failed).toBeUndefined();
    sorter.sort('#8 [left 2/2] RUN false');
    expect(sorter.sort('#8 ERROR: process "/bin/sh -c false" did not complete successfully: exit code: 1').failed).toMatch(/^process /);
  });

  it('gives each step line the target its first line names, and marks the end of a target export', () => {
    const sorter = bakeLineSorter(new Set(['python', 'client']));
    const sorted = OUTPUT.map((line) => [line, sorter.sort(line)] as const);
    const of = (target: string) => sorted.filter(([, s]) => s.target === target).map(([l, s]) => [l, s.own]);
    expect(of('python')).toEqual([
      ['#2 [python internal] load build definition from Dockerfile', '#2 [internal] load build definition from Dockerfile'],
      ['#2 transferring dockerfile: 1.30kB done', '#2 transferring dockerfile: 1.30kB done'],
      ['#2 DONE 0.0s', '#2 DONE 0.0s'],
      ['#4 [python main 2/3] RUN echo hi', '#4 [main 2/3] RUN echo hi'],
      ['#4 0.213 hi', '#4 0.213 hi'],
      ['#5 [python] exporting to image', '#5 exporting to image'],
      ['#5 exporting layers 0.1s done', '#5 exporting layers 0.1s done'],
      ['#4 DONE 0.3s', '#4 DONE 0.3s'],
      ['#5 naming to docker.io/acme/python:1 done', '#5 naming to docker.io/acme/python:1 done'],
      ['#5 DONE 0.1s', '#5 DONE 0.1s'],
    ]);
    expect(of('client').map(([, own]) => own)).toEqual([
      '#3 [internal] load build definition from Dockerfile',
      '#6 [2/2] COPY bin/ /opt/bin/',
      '#6 ERROR: failed to calculate checksum',
    ]);
    expect(sorted.filter(([, s]) => s.exported).map(([l]) => l)).toEqual(['#5 DONE 0.1s']);
    expect(sorted.filter(([, s]) => s.target === undefined).map(([l]) => l)).toEqual([
      OUTPUT[0],
      '',
      '#1 [internal] load local bake definitions',
      '#1 DONE 0.0s',
      'ERROR: target client: failed to solve: failed to calculate checksum',
    ]);
  });

  it('does not take a bracketed word that is no target of the run for one', () => {
    const sorter = bakeLineSorter(new Set(['python']));
    expect(sorter.sort('#7 [pythonista 1/2] FROM x')).toEqual({});
    expect(sorter.sort('#7 DONE 0.1s')).toEqual({});
  });
});
