/**
 * The one fake of the engine for unit tests: a scripted `DockerExec` that records every call,
 * answers with the first script entry whose `match` accepts the argv, streams its lines to
 * `onLine` like the real one (and then keeps no output), and honours the abort signal. Images it
 * is told about (`state.local`, `state.registry`) answer `docker image inspect` and
 * `docker buildx imagetools inspect` as the engine would; a call nothing matches exits 0 with no output.
 */
import type { DockerExec, DockerResult, DockerRunOptions } from '../../../src/engine/docker-exec.js';
import { familiarRef } from '../../../src/engine/images.js';

/** An image the fake engine knows. */
export interface Img {
  id: string;
  labels?: Record<string, string>;
  size?: number;
  layers?: string[];
}

/** What the fake engine holds: local images by ref, registry images (their labels) by ref. */
export interface FakeState {
  readonly local?: Map<string, Img>;
  readonly registry?: Map<string, Record<string, string>>;
  /**
   * Registry tags → the digest (of an index) each names: answers `imagetools inspect --format
   * '{{json .Manifest}}' REF` (also `REPO@DIGEST` of a digest some tag of REPO has) and
   * `imagetools create -t T… SRC`, which points every T at SRC's digest.
   */
  readonly manifests?: Map<string, string>;
}

const repoOf = (ref: string): string => ref.replace(/@.*$/, '').replace(/:[^/:]*$/, '');

/** The registry part of the fake: `imagetools inspect` of a manifest, `imagetools create`. */
function answerManifests(argv: readonly string[], manifests: Map<string, string>): DockerResult | undefined {
  const at = argv.indexOf('imagetools');
  if (at < 0) return undefined;
  const ref = argv.at(-1) as string;
  const digestOf = (r: string): string | undefined => {
    const direct = manifests.get(r);
    if (direct !== undefined || !r.includes('@')) return direct;
    const digest = r.slice(r.indexOf('@') + 1);
    return [...manifests].some(([tag, d]) => d === digest && repoOf(tag) === repoOf(r)) ? digest : undefined;
  };
  if (argv[at + 1] === 'inspect' && argv.includes('{{json .Manifest}}')) {
    const digest = digestOf(ref);
    return digest === undefined
      ? { exitCode: 1, stdout: '', stderr: `ERROR: ${ref}: not found` }
      : {
          exitCode: 0,
          stdout: JSON.stringify({ mediaType: 'application/vnd.oci.image.index.v1+json', digest, manifests: [] }),
          stderr: '',
        };
  }
  if (argv[at + 1] === 'create') {
    const digest = ref.includes('@') ? ref.slice(ref.indexOf('@') + 1) : manifests.get(ref);
    if (digest === undefined) return { exitCode: 1, stdout: '', stderr: `ERROR: ${ref}: not found` };
    argv.forEach((a, i) => {
      if (a === '-t') manifests.set(argv[i + 1] as string, digest);
    });
    return { exitCode: 0, stdout: '', stderr: '' };
  }
  return undefined;
}

/** `docker image inspect --format … refs` / `docker buildx imagetools inspect … ref` against the state. */
function answerFromState(argv: readonly string[], state: FakeState): DockerResult | undefined {
  const registryAnswer = state.manifests ? answerManifests(argv, state.manifests) : undefined;
  if (registryAnswer) return registryAnswer;
  const at = argv.indexOf('inspect');
  if (argv[at - 1] === 'image' && state.local) {
    const refs = argv.slice(at + 1).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--format');
    const found = refs.filter((r) => state.local?.has(r));
    const lines = found.map((r) => {
      const img = state.local?.get(r) as Img;
      const fields = [[familiarRef(r)], [], img.id, img.labels ?? null, img.size ?? 1000, img.layers ?? null];
      return fields.map((f) => (typeof f === 'string' || typeof f === 'number' ? String(f) : JSON.stringify(f))).join('\t');
    });
    return {
      exitCode: found.length === refs.length ? 0 : 1,
      stdout: lines.join('\n'),
      stderr: found.length === refs.length ? '' : 'No such image',
    };
  }
  if (argv[at - 1] === 'imagetools' && state.registry) {
    const labels = state.registry.get(argv.at(-1) as string);
    return labels
      ? { exitCode: 0, stdout: JSON.stringify({ config: { Labels: labels } }), stderr: '' }
      : { exitCode: 1, stdout: '', stderr: 'not found' };
  }
  return undefined;
}

export interface FakeCall {
  readonly argv: readonly string[];
  readonly opts: DockerRunOptions;
}

export interface Script {
  /** Which calls this entry answers: an argv predicate, or a string every matching argv contains. */
  readonly match: ((argv: readonly string[]) => boolean) | string;
  readonly exitCode?: number;
  readonly stdout?: string;
  readonly stderr?: string;
  /** Lines sent to `onLine` (as stderr, like BuildKit's output). */
  readonly lines?: readonly string[];
  /** Resolve only when this promise does (or on abort): lets a test hold a build "running". */
  readonly until?: Promise<unknown>;
}

export interface FakeDocker extends DockerExec {
  readonly calls: FakeCall[];
  /** Calls that have started but not finished. */
  readonly running: Set<FakeCall>;
  readonly maxRunning: number;
  script(entry: Script): FakeDocker;
}

export function fakeDocker(entries: readonly Script[] = [], state: FakeState = {}): FakeDocker {
  const scripts = [...entries];
  const calls: FakeCall[] = [];
  const running = new Set<FakeCall>();
  let maxRunning = 0;
  const fake: FakeDocker = {
    calls,
    running,
    get maxRunning() {
      return maxRunning;
    },
    script(entry) {
      scripts.push(entry);
      return fake;
    },
    async run(argv, opts = {}): Promise<DockerResult> {
      const call = { argv: [...argv], opts };
      calls.push(call);
      const s = scripts.find((e) => (typeof e.match === 'string' ? argv.includes(e.match) : e.match(argv)));
      running.add(call);
      maxRunning = Math.max(maxRunning, running.size);
      try {
        await Promise.resolve();
        for (const line of s?.lines ?? []) opts.onLine?.(line, 'stderr');
        if (s?.until) {
          const aborted = new Promise<'aborted'>((resolve) => {
            if (opts.signal?.aborted) resolve('aborted');
            opts.signal?.addEventListener('abort', () => resolve('aborted'), { once: true });
          });
          if ((await Promise.race([s.until, aborted])) === 'aborted') return { exitCode: 143, stdout: '', stderr: '' };
        }
        const known = s === undefined ? answerFromState(argv, state) : undefined;
        if (known) return known;
        const streamed = opts.onLine !== undefined;
        return { exitCode: s?.exitCode ?? 0, stdout: streamed ? '' : (s?.stdout ?? ''), stderr: streamed ? '' : (s?.stderr ?? '') };
      } finally {
        running.delete(call);
      }
    },
  };
  return fake;
}

/** A promise with its resolve function, to hold and release fake builds. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve: (v: T) => void = () => {};
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
