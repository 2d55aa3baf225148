/**
 * Simple commands out of shell tokens, and what lint rules ask of them: the program a command
 * runs, whether it was piped into, whether a `set`/SHELL argv turns `pipefail` on.
 */
import { isRedirect, type ControlOp, type ShellToken, type ShellWord } from './shell-words.js';

export interface SimpleCommand {
  /** Words of the command, redirections and their targets left out. */
  readonly words: readonly ShellWord[];
  /** The control operator before the command (`|` when it reads a pipe), if any. */
  readonly after?: ControlOp | undefined;
}

/** Splits tokens at control operators; a redirection operator takes the next word with it. */
export function simpleCommands(tokens: readonly ShellToken[]): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let words: ShellWord[] = [];
  let after: ControlOp | undefined;
  let skipNext = false;
  for (const token of tokens) {
    if (token.kind === 'word') {
      if (skipNext) skipNext = false;
      else words.push(token);
    } else if (isRedirect(token.op)) {
      skipNext = true;
    } else {
      commands.push({ words, after });
      words = [];
      after = token.op;
      skipNext = false;
    }
  }
  commands.push({ words, after });
  return commands.filter((c) => c.words.length > 0 || c.after === '|' || c.after === '|&');
}

/** Words that come before the program: reserved words, `VAR=value`, and `sudo`/`env`/`exec`. */
const PREFIX = new Set(['!', '{', 'then', 'do', 'else', 'elif', 'if', 'while', 'until', 'time', 'sudo', 'env', 'exec', 'command', 'nohup']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** The program and its arguments (values, quotes removed), prefixes left out. */
export function commandArgv(command: SimpleCommand): string[] {
  const values = command.words.map((w) => w.value);
  let start = 0;
  while (start < values.length && (PREFIX.has(values[start] as string) || ASSIGNMENT.test(values[start] as string))) start++;
  return values.slice(start);
}

/**
 * Whether `args` (of `set`, or of a shell program) turn pipefail on (`-o pipefail`,
 * `-euxo pipefail`), off (`+o pipefail`), or leave it as it was (undefined).
 */
export function pipefailSetting(args: readonly string[]): boolean | undefined {
  let setting: boolean | undefined;
  args.forEach((arg, i) => {
    if (args[i + 1] !== 'pipefail') return;
    if (/^-[A-Za-z]*o$/.test(arg)) setting = true;
    else if (/^\+[A-Za-z]*o$/.test(arg)) setting = false;
  });
  return setting;
}

const POSIX_SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);
/** Shells that have no brace expansion (`/bin/sh` is dash on Debian and Ubuntu, ash on Alpine). */
const NO_BRACE_SHELLS = new Set(['sh', 'dash', 'ash']);

/** The program name of a SHELL argv or a shebang (`/usr/bin/env bash` → `bash`). */
export function shellName(argv: readonly string[]): string {
  const program = (argv[0] ?? '').split('/').pop() ?? '';
  if (program !== 'env') return program;
  const next = argv.slice(1).find((a) => !a.startsWith('-') && !ASSIGNMENT.test(a));
  return next?.split('/').pop() ?? '';
}

export const isPosixShell = (argv: readonly string[]): boolean => POSIX_SHELLS.has(shellName(argv));
export const lacksBraceExpansion = (argv: readonly string[]): boolean => NO_BRACE_SHELLS.has(shellName(argv));
