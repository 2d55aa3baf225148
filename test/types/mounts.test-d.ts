/** Type tests of the mount and source helpers: each returns its own mount kind and rejects options of another. */
import { describe, expectTypeOf, it } from 'vitest';
import { bindMount, cacheMount, externalImage, namedContext, secretMount, sshMount, tmpfsMount, type Mount } from 'dockwright';

type MountOf<T extends Mount['type']> = Extract<Mount, { type: T }>;

describe('mounts', () => {
  it('each helper returns its own mount type', () => {
    expectTypeOf(cacheMount('/root/.cache', { sharing: 'locked' })).toEqualTypeOf<MountOf<'cache'>>();
    expectTypeOf(bindMount('/src', { source: 'src' })).toEqualTypeOf<MountOf<'bind'>>();
    expectTypeOf(secretMount('token', { env: 'TOKEN' })).toEqualTypeOf<MountOf<'secret'>>();
    expectTypeOf(sshMount({ required: true })).toEqualTypeOf<MountOf<'ssh'>>();
    expectTypeOf(tmpfsMount('/tmp', { size: 1024 })).toEqualTypeOf<MountOf<'tmpfs'>>();
  });

  it('options of another mount type, or of the wrong type, do not compile', () => {
    // @ts-expect-error sharing is shared, private or locked
    cacheMount('/root/.cache', { sharing: 'everyone' });
    // @ts-expect-error the target is the first argument, not an option
    cacheMount('/root/.cache', { target: '/elsewhere' });
    // @ts-expect-error a bind mount has readwrite, not readonly
    bindMount('/src', { readonly: true });
    // @ts-expect-error the secret id is text
    secretMount(7);
    // @ts-expect-error an ssh mount has no size
    sshMount({ size: 1 });
    // @ts-expect-error the size is a number of bytes
    tmpfsMount('/tmp', { size: '64m' });
  });
});

describe('sources', () => {
  it('namedContext and externalImage return the reference shapes COPY --from takes', () => {
    expectTypeOf(namedContext('packages')).toEqualTypeOf<{ readonly context: string }>();
    expectTypeOf(externalImage('busybox:stable')).toEqualTypeOf<{ readonly image: string }>();
  });

  it('take one name', () => {
    // @ts-expect-error a context name is text
    namedContext({ context: 'packages' });
    // @ts-expect-error an image reference is text
    externalImage(['busybox', 'stable']);
  });
});
