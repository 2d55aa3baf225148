/**
 * Build args Docker defines itself (Dockerfile reference, "Predefined ARGs" and "Automatic platform
 * ARGs in the global scope").
 */

/**
 * Platform args: defined in the global scope only, so a stage that uses one must redeclare it
 * (bare `ARG TARGETARCH`); lowering does that like it does for image args.
 */
export const PLATFORM_ARGS: readonly string[] = [
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
];

/** Usable without any ARG line (proxies reach RUN's environment; BuildKit reads the others). */
export const AMBIENT_ARGS: readonly string[] = [
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'FTP_PROXY',
  'ftp_proxy',
  'NO_PROXY',
  'no_proxy',
  'ALL_PROXY',
  'all_proxy',
  'BUILDKIT_CACHE_MOUNT_NS',
  'BUILDKIT_CONTEXT_KEEP_GIT_DIR',
  'BUILDKIT_INLINE_CACHE',
  'BUILDKIT_MULTI_PLATFORM',
  'BUILDKIT_SANDBOX_HOSTNAME',
  'BUILDKIT_SYNTAX',
  'BUILDKIT_DOCKERFILE_CHECK',
  'SOURCE_DATE_EPOCH',
];

const platform = new Set(PLATFORM_ARGS);
const ambient = new Set(AMBIENT_ARGS);

export const isPlatformArg = (name: string): boolean => platform.has(name);
export const isAmbientArg = (name: string): boolean => ambient.has(name) || name.startsWith('BUILDKIT_');

/**
 * Variables a shell has without anyone declaring them. A RUN reference to one of these is never
 * reported, however close it is to a declared ARG.
 */
export const SHELL_VARS: ReadonlySet<string> = new Set([
  'HOME',
  'PATH',
  'PWD',
  'OLDPWD',
  'USER',
  'LOGNAME',
  'SHELL',
  'HOSTNAME',
  'TERM',
  'LANG',
  'LANGUAGE',
  'LC_ALL',
  'IFS',
  'PS1',
  'PS2',
  'PS4',
  'UID',
  'EUID',
  'GID',
  'PPID',
  'RANDOM',
  'LINENO',
  'SECONDS',
  'OPTARG',
  'OPTIND',
  'REPLY',
  'BASH',
  'BASH_SOURCE',
  'BASH_VERSION',
  'FUNCNAME',
  'PIPESTATUS',
  'TMPDIR',
  'DEBIAN_FRONTEND',
  'MAIL',
  'EDITOR',
  'PAGER',
  'TZ',
]);
