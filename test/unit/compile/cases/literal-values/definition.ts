// literal(): a "$" that is text, in every field docker expands; next to it, real references.
import { literal } from '../../../../../src/api/literal.js';
import type { CompileCase } from '../../../../../scripts/compile-cases.js';
import { arg, argSpec, copy, env, external, imageModel, label, stageModel, workdir } from '../../../support/model.js';

export default {
  image: imageModel({
    id: 'literal',
    args: { PRICE: argSpec(literal('$5 or ${PRICE}')) },
    stages: [
      stageModel('main', external('debian:bookworm-slim'), [
        env({ HASH: literal('$6$salt$abc'), HOME_BIN: '${PRICE}/bin', MIXED: `${literal('$HOME')} is $PRICE` }),
        label({ 'org.example.note': literal("single 'quoted' $text") }),
        arg('LOCAL', literal('$$')),
        workdir(literal('/srv/$app')),
        copy(literal('conf/$name.xml'), literal('/etc/$name/')),
      ]),
    ],
    user: { user: literal('$user'), group: undefined },
    volumes: [literal('/data/$x')],
  }),
} satisfies CompileCase;
