/**
 * Type tests of the public authoring API: what must compile does, and what must not (a reference
 * to a stage or image by string, a variant that does not exist, an unknown field) is rejected.
 */
import { describe, expectTypeOf, it } from 'vitest';
import { copy, env, healthcheck, image, literal, run, stage, variantKey, variants, type ImageDef, type StageDef } from 'dockwright';

const builder = stage('builder', { from: 'busybox:stable' }, [run('echo hi > /out')]);
const base = image({ name: 'base', from: 'debian:bookworm-slim', steps: [] });
const os = variants({ name: 'os', axes: { os: ['alpine', 'debian'] }, image: ({ os }) => ({ from: `${os}:stable`, steps: [] }) });

describe('stage and image references are values', () => {
  it('stage() and image() return typed definitions', () => {
    expectTypeOf(builder).toEqualTypeOf<StageDef>();
    expectTypeOf(base).toEqualTypeOf<ImageDef>();
    expectTypeOf(image).parameter(0).toHaveProperty('name').toEqualTypeOf<string>();
  });

  it('COPY --from takes a stage, an image, a named context or an external image', () => {
    copy('/out', '/in', { from: builder });
    copy('/out', '/in', { from: base });
    copy('/out', '/in', { from: { context: 'packages' } });
    // @ts-expect-error a stage is referenced by its value, never by a string name
    copy('/out', '/in', { from: 'builder' });
    // @ts-expect-error a stage is referenced by its value, not by an object holding its name
    copy('/out', '/in', { from: { stage: 'builder' } });
    // @ts-expect-error a variants() definition is several images: pick one with .pick({ … })
    copy('/out', '/in', { from: os });
  });

  it('FROM takes an external reference, an image value or a stage value', () => {
    stage('a', { from: base });
    stage('b', { from: builder });
    // @ts-expect-error not an image
    stage('c', { from: 42 });
    // @ts-expect-error a variants() definition is several images: build on one of them with .pick({ … })
    image({ name: 'child', from: os, steps: [] });
    image({ name: 'child', from: os.pick({ os: 'debian' }), steps: [] });
    // @ts-expect-error an image is referenced by its value, not by its name in an object
    stage('d', { from: { image: 'base' } });
  });

  it('stage steps are instructions and the platform is text', () => {
    // @ts-expect-error a step is an instruction helper's value, not Dockerfile text
    stage('e', { from: 'busybox:stable' }, ['RUN make']);
    // @ts-expect-error a platform is text (`linux/amd64`)
    stage('f', { from: 'busybox:stable', platform: ['linux/amd64'] });
  });

  it('unknown image fields are rejected', () => {
    // @ts-expect-error `ports` is not a field (`expose` is)
    image({ name: 'x', from: base, steps: [], ports: [80] });
  });

  it('healthcheck options are typed', () => {
    healthcheck({ test: ['true'], interval: '5s', retries: 3 });
    // @ts-expect-error retries is a number
    healthcheck({ test: ['true'], retries: '3' });
    // compose style is accepted (and read as compose means it: exec form without CMD, shell form)
    healthcheck({ test: ['CMD', 'curl', '-f', 'http://localhost/'] });
    healthcheck({ test: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'] });
  });

  it('an image arg can be declared for RUN to read from its environment', () => {
    image({
      name: 'x',
      from: base,
      steps: [run('apt-get update')],
      args: { DEBIAN_FRONTEND: { default: 'noninteractive', forRun: true } },
    });
    // @ts-expect-error forRun is a boolean
    image({ name: 'x', from: base, steps: [], args: { DEBIAN_FRONTEND: { default: 'noninteractive', forRun: 'yes' } } });
  });

  it('literal() is a string, accepted wherever a value is', () => {
    expectTypeOf(literal('$6$salt')).toEqualTypeOf<string>();
    env({ HASH: literal('$6$salt$abc') });
    image({ name: 'x', from: base, steps: [], workdir: literal('/srv/$app'), labels: { note: literal('$1') } });
  });
});

describe('variants', () => {
  const fit = variants({ name: 'fit', axes: { os: ['alpine', 'debian'] }, image: ({ os }) => ({ from: `${os}:x`, steps: [] }) });

  it('pick() accepts only declared axis values', () => {
    expectTypeOf(fit.pick({ os: 'debian' })).toEqualTypeOf<ImageDef>();
    // @ts-expect-error windows is not a value of the os axis
    fit.pick({ os: 'windows' });
    // @ts-expect-error arch is not an axis
    fit.pick({ arch: 'amd64' });
  });

  it('axes are lists of values', () => {
    expectTypeOf(fit.axes).toEqualTypeOf<{ readonly os: readonly ['alpine', 'debian'] }>();
    // @ts-expect-error an axis lists its values in an array
    variants({ name: 'v', axes: { os: 'alpine' }, image: () => ({ from: 'busybox:stable', steps: [] }) });
    // @ts-expect-error the callback returns an image spec
    variants({ name: 'v', axes: { os: ['alpine'] }, image: () => 'busybox:stable' });
  });

  it('variantKey joins axis values (text) into text', () => {
    expectTypeOf(variantKey({ os: 'debian', gpu: 'cuda' })).toEqualTypeOf<string>();
    // @ts-expect-error axis values are text
    variantKey({ os: 'debian', gpu: true });
  });

  it('the image callback receives the axis values as a union', () => {
    variants({
      name: 'v',
      axes: { os: ['alpine', 'debian'] },
      image: (v) => {
        expectTypeOf(v.os).toEqualTypeOf<'alpine' | 'debian'>();
        return { from: 'busybox:stable', steps: [] };
      },
    });
  });
});
