/**
 * IR node → Dockerfile text, every user value through the quoting module. Values Docker expands
 * are quoted with `expand: true` (`${VERSION}` stays a reference); exec forms are JSON; comments
 * and raw text keep their own lines.
 */
import { fieldPath, visit, type CommandForm, type IrNode, type IrVisitor, type Located, type ModelPath } from '../../ir/index.js';
import { comment, flag, jsonArray, keyValue, shellCommand, token, variableName, word } from '../quote.js';
import { addText, copyText, volumeText } from './file-text.js';
import { byValue, continued, type Quoting } from './quoting.js';
import { runText } from './run-text.js';

const command = (q: Quoting, c: CommandForm, path: ModelPath): string =>
  c.form === 'exec'
    ? q.at([...path, 'argv'], () => jsonArray(c.argv))
    : q.at([...path, 'command'], () => shellCommand(c.command, { escape: q.escape }));

/** `KEY="value"` pairs: one on the keyword line, more on continuation lines. */
function pairs(
  q: Quoting,
  node: Located,
  keyword: string,
  field: string,
  kind: 'env' | 'label',
  entries: readonly (readonly [string, string])[],
): string {
  const texts = entries.map(([k, v]) => q.at(fieldPath(node, field, k), () => keyValue(k, v, { kind, escape: q.escape, expand: true })));
  return continued(q, `${keyword} ${texts[0] ?? ''}`, texts.slice(1));
}

const HEALTH_FLAGS = [
  ['interval', 'interval'],
  ['timeout', 'timeout'],
  ['start-period', 'startPeriod'],
  ['start-interval', 'startInterval'],
  ['retries', 'retries'],
] as const;

export const instructionText = (node: IrNode, q: Quoting): string => visit(node, visitorFor(q));

function visitorFor(q: Quoting): IrVisitor<string> {
  const self: IrVisitor<string> = {
    from: (n) => {
      const platform =
        n.platform === undefined ? [] : [q.at(fieldPath(n, 'platform'), () => flag('platform', n.platform, { expand: true }))];
      const image = q.at(fieldPath(n, 'image'), () => token(n.image, { expand: true }));
      return ['FROM', ...platform, image, 'AS', q.at(fieldPath(n, 'stage'), () => token(n.stage))].join(' ');
    },
    arg: (n) =>
      `ARG ${
        n.default === undefined
          ? q.at(n.modelPath, () => variableName(n.name))
          : q.at(fieldPath(n, 'default'), () => keyValue(n.name, n.default ?? '', { kind: 'arg', escape: q.escape, expand: true }))
      }`,
    run: (n) => runText(n, q),
    copy: (n) => copyText(n, q),
    add: (n) => addText(n, q),
    env: (n) => pairs(q, n, 'ENV', 'vars', 'env', n.vars),
    label: (n) => pairs(q, n, 'LABEL', 'labels', 'label', n.labels),
    workdir: (n) => `WORKDIR ${q.at(fieldPath(n, 'dir'), () => word(n.dir, { escape: q.escape, expand: true }))}`,
    user: (n) => {
      const value = n.group === undefined ? n.user : `${n.user}:${n.group}`;
      const at = byValue(
        [n.user, value],
        [fieldPath(n, 'user'), n.group === undefined ? fieldPath(n, 'user') : fieldPath(n, 'group')],
        n.modelPath,
      );
      return `USER ${q.at(at, () => word(value, { escape: q.escape, expand: true }))}`;
    },
    expose: (n) => `EXPOSE ${n.ports.map((p, i) => q.at(fieldPath(n, 'ports', i), () => token(`${p.port}/${p.protocol}`))).join(' ')}`,
    volume: (n) => volumeText(n, q),
    entrypoint: (n) => `ENTRYPOINT ${command(q, n.command, fieldPath(n, 'command'))}`,
    cmd: (n) => `CMD ${command(q, n.command, fieldPath(n, 'command'))}`,
    healthcheck: (n) => {
      const c = n.check;
      if (c === 'none') return 'HEALTHCHECK NONE';
      const flags = HEALTH_FLAGS.flatMap(([name, key]) => {
        const v = c[key];
        return v === undefined ? [] : [q.at(fieldPath(n, 'check', key), () => flag(name, String(v)))];
      });
      return ['HEALTHCHECK', ...flags, 'CMD', command(q, c.test, fieldPath(n, 'check', 'test'))].join(' ');
    },
    shell: (n) => `SHELL ${q.at(fieldPath(n, 'argv'), () => jsonArray(n.argv))}`,
    stopsignal: (n) => `STOPSIGNAL ${q.at(fieldPath(n, 'signal'), () => word(n.signal, { escape: q.escape, expand: true }))}`,
    onbuild: (n) => `ONBUILD ${visit(n.trigger, self)}`,
    comment: (n) => q.at(fieldPath(n, 'text'), () => comment(n.text)),
    raw: (n) => n.text.replace(/\r\n?/g, '\n').replace(/\n+$/, ''),
  };
  return self;
}
