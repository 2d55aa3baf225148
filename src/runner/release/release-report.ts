/** The report of `dockwright release` and `dockwright promote`: what was staged, tested, and where every tag points. */
import { formatTable } from '../progress/format-table.js';
import type { MoveReport, TagState } from './move-tags.js';
import type { ReleaseReport } from './release.js';

const short = (digest: string | undefined): string => (digest === undefined ? '-' : digest.slice(0, 19));

const outcomeText: Record<TagState['outcome'], string> = {
  moved: 'moved',
  already: 'already there',
  kept: 'NOT moved',
  'rolled-back': 'moved back',
  'new-left': 'MOVED (new tag, cannot be taken back)',
  unknown: 'UNKNOWN',
};

export function formatMoves(moves: MoveReport): string {
  const rows = moves.tags.map((t) => [t.id, t.ref, outcomeText[t.outcome], short(t.before), short(t.now), t.reason ?? '']);
  return formatTable(['IMAGE', 'TAG', 'RESULT', 'BEFORE', 'NOW', 'REASON'], rows);
}

export function formatRelease(report: ReleaseReport): string {
  const tested = new Map(report.tests.map((t) => [t.id, t]));
  const rows = report.staged.map((s) => {
    const test = tested.get(s.id);
    const testText = test === undefined ? 'not run' : test.status === 'failed' ? 'FAILED' : test.status;
    return s.status === 'staged'
      ? [s.id, `${s.ref} ${s.digest}${s.reused ? ' (already there)' : ''}`, testText]
      : [s.id, `${s.status === 'failed' ? 'FAILED' : 'not tried'}: ${s.reason}`, testText];
  });
  for (const t of report.tests)
    if (!report.staged.some((s) => s.id === t.id))
      rows.push([t.id, 'never pushed (push: false)', t.status === 'failed' ? 'FAILED' : t.status]);
  const failures = report.tests
    .filter((t) => t.status === 'failed')
    .map(
      (t) =>
        `${t.id}: ${t.checks
          .filter((c) => !c.ok)
          .map((c) => `${c.name}: ${c.detail}`)
          .join('; ')}\n`,
    )
    .join('');
  const staged = formatTable(['IMAGE', 'STAGED BY DIGEST', 'TEST'], rows);
  const moves = report.moves ? `\n${formatMoves(report.moves)}` : '';
  const verdict = report.ok
    ? `released: every tag moved${report.interrupted ? ' (the interrupt came during the final step, which finished)' : ''}\n`
    : report.phase === 'final'
      ? `release failed in the final step (${report.stopped}): see where each tag points above\n`
      : `release stopped (${report.stopped}): no tag moved; what was staged stays under its staging tag, and a re-run reuses it\n`;
  return `${staged}${failures ? `\n${failures}` : ''}${moves}\n${verdict}`;
}
