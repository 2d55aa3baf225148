/** The benchmark's figures and how they are printed: seconds per tool and each as a ratio to the reference. */

export interface Figure {
  readonly scenario: string;
  /** Seconds by tool; `reference` names the tool the ratios are to (bake, or bare docker). */
  readonly seconds: Readonly<Record<string, number>>;
  readonly reference?: string;
  /** The tool the goal is about and the most it may take, as a ratio to the reference. */
  readonly goal?: { readonly tool: string; readonly maxRatio: number };
  /** A goal in seconds instead (hashing). */
  readonly goalSeconds?: { readonly key: string; readonly max: number };
  readonly note?: string;
  /** Every round's seconds by tool (the figure is their median), in round order. */
  readonly samples?: Readonly<Record<string, readonly number[]>>;
}

const fmt = (s: number): string => (s < 10 ? s.toFixed(3) : s.toFixed(1));

export function verdict(f: Figure): 'pass' | 'FAIL' | '' {
  if (f.goal && f.reference) {
    const ratio = (f.seconds[f.goal.tool] ?? Infinity) / (f.seconds[f.reference] ?? NaN);
    return ratio <= f.goal.maxRatio ? 'pass' : 'FAIL';
  }
  if (f.goalSeconds) return (f.seconds[f.goalSeconds.key] ?? Infinity) < f.goalSeconds.max ? 'pass' : 'FAIL';
  return '';
}

/**
 * Each tool's fastest round, with its ratio: the machine's noise only ever adds time (a stalled
 * package mirror, another process), so beside the median this shows what each tool takes when
 * nothing gets in its way. The goals are judged on the medians.
 */
function fastest(samples: Readonly<Record<string, readonly number[]>>, reference: string | undefined): string {
  return cells(Object.fromEntries(Object.entries(samples).map(([tool, xs]) => [tool, Math.min(...xs)])), reference);
}

/** `tool 1.234 s (0.50×)  ·  …`: each tool's seconds, with its ratio to the reference's. */
function cells(seconds: Readonly<Record<string, number>>, reference: string | undefined): string {
  const ref = reference ? seconds[reference] : undefined;
  return Object.entries(seconds)
    .map(([tool, s]) => `${tool} ${fmt(s)} s${ref !== undefined && tool !== reference ? ` (${(s / ref).toFixed(2)}×)` : ''}`)
    .join('  ·  ');
}

export function formatFigure(f: Figure): string {
  const goal = f.goal
    ? `goal ${f.goal.tool} ≤ ${f.goal.maxRatio}× ${f.reference}`
    : f.goalSeconds
      ? `goal ${f.goalSeconds.key} < ${f.goalSeconds.max} s`
      : '';
  const v = verdict(f);
  const spread =
    f.samples && Object.values(f.samples).some((xs) => xs.length > 1)
      ? [
          `    rounds: ${Object.entries(f.samples)
            .map(([tool, xs]) => `${tool} ${xs.map(fmt).join('/')}`)
            .join('  ·  ')}`,
          `    fastest rounds: ${fastest(f.samples, f.reference)}`,
        ]
      : [];
  return [
    `${f.scenario}`,
    `    ${cells(f.seconds, f.reference)}`,
    ...spread,
    ...(goal ? [`    ${goal}: ${v}`] : []),
    ...(f.note ? [`    ${f.note}`] : []),
  ].join('\n');
}
