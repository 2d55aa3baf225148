import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DefinitionError } from '../../../src/errors/index.js';
import { ancestorsOf, buildGraph, descendantsOf } from '../../../src/plan/graph.js';
import { model } from './images.js';

describe('buildGraph', () => {
  it('orders parents before children, keeping the given order among independent images', () => {
    const graph = buildGraph([
      model('app', { from: 'base' }),
      model('tool'),
      model('base'),
      model('mix', { from: 'app', copiesFrom: ['tool'] }),
    ]);
    expect(graph.order).toEqual(['tool', 'base', 'app', 'mix']);
    expect(graph.parents.get('mix')).toEqual(['app', 'tool']);
    expect(graph.children.get('base')).toEqual(['app']);
  });

  it('names the cycle', () => {
    const images = [model('a', { from: 'c' }), model('b', { from: 'a' }), model('c', { from: 'b' }), model('free')];
    expect(() => buildGraph(images)).toThrow(DefinitionError);
    expect(() => buildGraph(images)).toThrow(/cycle: a → c → b → a/);
  });

  it('rejects an edge to an image that is not defined', () => {
    expect(() => buildGraph([model('app', { from: 'ghost' })])).toThrow(/"ghost", which is not a defined image/);
  });

  it('finds ancestors and descendants transitively', () => {
    const graph = buildGraph([model('base'), model('mid', { from: 'base' }), model('top', { from: 'mid' }), model('other')]);
    expect([...ancestorsOf(graph, ['top'])].sort()).toEqual(['base', 'mid']);
    expect([...descendantsOf(graph, 'base')].sort()).toEqual(['mid', 'top']);
  });

  it('every order it gives puts every parent first (random DAGs)', () => {
    const dag = fc
      .integer({ min: 1, max: 12 })
      .chain((n) =>
        fc.tuple(
          fc.constant(n),
          fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 30 }),
          fc.shuffledSubarray([...Array(n).keys()], { minLength: n }),
        ),
      );
    fc.assert(
      fc.property(dag, ([n, edges, shuffle]) => {
        // edges only from a lower to a higher index: acyclic by construction
        const parents = new Map<number, Set<number>>([...Array(n).keys()].map((i) => [i, new Set()]));
        edges.forEach(([a, b]) => (a < b ? parents.get(b)?.add(a) : b < a ? parents.get(a)?.add(b) : undefined));
        const images = shuffle.map((i) => model(`i${i}`, { copiesFrom: [...(parents.get(i) ?? [])].map((p) => `i${p}`) }));
        const { order } = buildGraph(images);
        expect(order).toHaveLength(n);
        for (const [child, ps] of parents) for (const p of ps) expect(order.indexOf(`i${p}`)).toBeLessThan(order.indexOf(`i${child}`));
      }),
    );
  });
});
