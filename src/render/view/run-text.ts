/**
 * `RUN`: flags (mounts, then --network, --security), then the body. One flag stays on the RUN line;
 * with more, each goes on its own continuation line, and the shell commands follow them there.
 * A heredoc keeps every flag on the RUN line, since its `<<'EOF'` must end that line.
 */
import { fieldPath, type RunNode } from '../../ir/index.js';
import { flag, heredoc, joinShellCommands, jsonArray, mountFlag } from '../quote.js';
import { byValue, continued, type Quoting } from './quoting.js';

function mountTexts(node: RunNode, q: Quoting): string[] {
  return node.mounts.map((m, i) => {
    const options: Record<string, string> = { type: m.type };
    for (const o of m.options) options[o.key] = o.value;
    const values = m.options.map((o) => o.value);
    const paths = m.options.map((o) => fieldPath(node, 'mounts', i, o.field));
    return q.at(byValue(values, paths, fieldPath(node, 'mounts', i)), () => mountFlag(options, { expand: true }));
  });
}

export function runText(node: RunNode, q: Quoting): string {
  const flags = [
    ...mountTexts(node, q),
    ...(node.network ? [q.at(fieldPath(node, 'network'), () => flag('network', node.network))] : []),
    ...(node.security ? [q.at(fieldPath(node, 'security'), () => flag('security', node.security))] : []),
  ];
  const b = node.body;
  if (b.form === 'heredoc') {
    const script = fieldPath(node, 'body', 'script');
    const doc = q.at(script, () => {
      const h = heredoc(b.script);
      return `${h.redirect}\n${h.body}`;
    });
    return ['RUN', ...flags, doc].join(' ');
  }
  const body =
    b.form === 'exec'
      ? q.at(fieldPath(node, 'body', 'argv'), () => jsonArray(b.argv))
      : q.at(
          byValue(
            b.commands,
            b.commands.map((_, i) => fieldPath(node, 'body', 'commands', i)),
            fieldPath(node, 'body', 'commands'),
          ),
          () => joinShellCommands(b.commands, { escape: q.escape }),
        );
  return flags.length <= 1 ? ['RUN', ...flags, body].join(' ') : continued(q, `RUN ${flags[0]}`, [...flags.slice(1), body]);
}
