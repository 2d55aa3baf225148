import type { IrNode, IrVisitor } from './ir-node.js';
import { visit } from './ir-node.js';

const kw = (k: string) => (): string => k;

/** The Dockerfile keyword each node renders as; comments have none; raw text keeps its own. */
const keywords: IrVisitor<string | undefined> = {
  from: kw('FROM'),
  arg: kw('ARG'),
  run: kw('RUN'),
  copy: kw('COPY'),
  add: kw('ADD'),
  env: kw('ENV'),
  workdir: kw('WORKDIR'),
  user: kw('USER'),
  expose: kw('EXPOSE'),
  volume: kw('VOLUME'),
  label: kw('LABEL'),
  entrypoint: kw('ENTRYPOINT'),
  cmd: kw('CMD'),
  healthcheck: kw('HEALTHCHECK'),
  shell: kw('SHELL'),
  stopsignal: kw('STOPSIGNAL'),
  onbuild: kw('ONBUILD'),
  comment: () => undefined,
  raw: (n) => /^\s*([A-Za-z]+)/.exec(n.text)?.[1]?.toUpperCase(),
};

export const irKeyword = (node: IrNode): string | undefined => visit(node, keywords);
