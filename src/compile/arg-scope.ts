/**
 * Image ARGs are declared once in the model and placed where Docker needs them:
 * - a global `ARG X=default` (before the first FROM) only when a FROM line uses X, or the default of
 *   another global ARG does;
 * - at the top of every stage whose instructions use X (see var-uses.ts; ONBUILD, CMD, ENTRYPOINT
 *   and HEALTHCHECK do not count), unless an earlier ENV/ARG of the stage, or ENV of the stage it
 *   starts from, already defines X: bare `ARG X` when X is global (it inherits the global
 *   default), else `ARG X=default`;
 * - `forRun` args also at the top of every stage with a RUN (its processes read them from their
 *   environment: `DEBIAN_FRONTEND`), used or not;
 * - platform args (`TARGETARCH`…) a stage uses are redeclared bare the same way, first.
 * Stage ARGs come in the image's declaration order, except that an ARG whose default uses another
 * image ARG comes after it.
 */
import type { ArgNode, DockerfileIr, IrStage, ModelPath } from '../ir/index.js';
import { isPlatformArg, PLATFORM_ARGS } from './predefined-args.js';
import { scanVars } from './var-refs.js';
import { varUses, type VarUse } from './var-uses.js';

export interface ImageArg {
  readonly name: string;
  /** Already resolved (`fromVersion` → the image's version). */
  readonly default?: string | undefined;
  /** Declared in every stage with a RUN, used or not (commands read it from their environment). */
  readonly forRun?: boolean;
}

export interface ArgScopeInput {
  readonly args: readonly ImageArg[];
  /** Global ARGs dockwright adds itself (parent image refs), used by FROM lines only. */
  readonly parentArgs: readonly ArgNode[];
  readonly stages: readonly IrStage[];
}

export type ScopedArgs = Pick<DockerfileIr, 'globalArgs' | 'stages'>;

/** The names a value uses, read the way its expander reads it (raw text and exec argv: as docker would). */
export const usedNames = (use: Pick<VarUse, 'text' | 'expander'>): string[] =>
  scanVars(use.text, use.expander === 'shell' ? 'shell' : 'docker').map((r) => r.name);

export function scopeArgs({ args, parentArgs, stages }: ArgScopeInput): ScopedArgs {
  const byName = new Map(args.map((a) => [a.name, a]));
  const depsOf = (name: string): string[] => {
    const d = byName.get(name)?.default;
    return d === undefined ? [] : usedNames({ text: d, expander: 'docker' }).filter((n) => byName.has(n));
  };
  /** `wanted` plus what their defaults use, dependencies first, else declaration order. */
  const ordered = (wanted: Iterable<string>, follow: (name: string) => boolean): string[] => {
    const out: string[] = [];
    const seen = new Set<string>();
    const add = (name: string): void => {
      if (seen.has(name)) return;
      seen.add(name);
      if (follow(name)) depsOf(name).forEach(add);
      out.push(name);
    };
    const want = new Set(wanted);
    args.filter((a) => want.has(a.name)).forEach((a) => add(a.name));
    return out;
  };

  const fromNames = stages.flatMap((s) => varUses(s.from).flatMap((u) => usedNames(u)));
  const global = new Set(
    ordered(
      fromNames.filter((n) => byName.has(n)),
      () => true,
    ),
  );
  const globalArgs: ArgNode[] = [
    ...[...global].map((name): ArgNode => ({ kind: 'arg', name, default: byName.get(name)?.default, modelPath: ['args', name] })),
    ...parentArgs.filter((a) => !byName.has(a.name)),
  ];

  const envAfter = new Map<string, ReadonlySet<string>>();
  const scoped = stages.map((stage): IrStage => {
    const defined = new Set(envAfter.get(stage.from.image) ?? []);
    const env = new Set(defined);
    const firstUse = new Map<string, ModelPath>();
    for (const node of stage.instructions) {
      for (const use of varUses(node)) {
        for (const name of usedNames(use)) {
          if (!defined.has(name) && !firstUse.has(name) && (byName.has(name) || isPlatformArg(name))) firstUse.set(name, use.path);
        }
      }
      if (node.kind === 'run')
        args.filter((a) => a.forRun && !defined.has(a.name) && !firstUse.has(a.name)).forEach((a) => firstUse.set(a.name, node.modelPath));
      if (node.kind === 'env')
        node.vars.forEach(([k]) => {
          defined.add(k);
          env.add(k);
        });
      if (node.kind === 'arg') defined.add(node.name);
    }
    envAfter.set(stage.from.stage, env);
    const platform = PLATFORM_ARGS.filter((n) => firstUse.has(n) && !byName.has(n)).map((name): ArgNode => ({
      kind: 'arg',
      name,
      modelPath: firstUse.get(name) ?? [],
    }));
    const own = ordered(
      [...firstUse.keys()].filter((n) => byName.has(n)),
      (n) => !global.has(n),
    ).map((name): ArgNode => ({
      kind: 'arg',
      name,
      default: global.has(name) ? undefined : byName.get(name)?.default,
      modelPath: ['args', name],
    }));
    const redeclared = [...platform, ...own];
    return redeclared.length === 0 ? stage : { ...stage, instructions: [...redeclared, ...stage.instructions] };
  });

  return { globalArgs, stages: scoped };
}
