import fc from 'fast-check';
import { it, expect } from 'vitest';
import { network } from '../src/builder.js';
import { mutate } from '../src/edit.js';
import { rbm } from '../src/presets.js';
import { zeros } from '../src/init.js';
import { StochnetError } from '../src/errors.js';
it('junk', () => {
  fc.assert(fc.property(fc.anything(), fc.anything(), fc.anything(), fc.anything(), (a, b, c, d) => {
    const tries = [
      () => network().layer('a', 2, a as never).layer('b', 3).connect('a', 'b', b as never).build(),
      () => network().layer(a as never, b as never).build(),
      () => network().unit('a').unit('b').edge(a as never, 'b', c as never, d as never).build(),
      () => network().layer('x', 3).connect('x', 'x', { undirected: true, sparse: a as never }).build(),
      () => network().layer('x', 3).connect('x', 'x', { undirected: true, weights: a as never, mask: b as never }).build(),
      () => mutate(rbm(3, 2, { init: zeros() }), (dr) => { dr.setWeights('v--h', a as never); }),
      () => mutate(rbm(3, 2, { init: zeros() }), (dr) => { dr.setBias('v', a as never); }),
      () => mutate(rbm(3, 2, { init: zeros() }), (dr) => { dr.setWeight('v--h', a as never, b as never, c as never); }),
      () => mutate(rbm(3, 2, { init: zeros() }), (dr) => { dr.addEdge(a as never, b as never, c as never, d as never); }),
      () => mutate(rbm(3, 2, { init: zeros() }), (dr) => { dr.addCoupling('h', 'v', a as never); }),
      () => mutate(rbm(3, 2, { init: zeros() }), (dr) => { dr.addGroup(a as never, b as never, c as never); }),
      () => mutate(rbm(3, 2, { init: zeros() }), (dr) => { dr.setRole(a as never, b as never); }),
    ];
    for (const t of tries) {
      try { t(); } catch (e) { if (!(e instanceof StochnetError)) { console.log(t.toString(), a, b, c, d); throw e; } }
    }
  }), { numRuns: 2000, seed: 1 });
  expect(1).toBe(1);
});
