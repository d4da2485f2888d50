/**
 * The call sequence T1 (TESTING.md B.6) reproduces in this process and in a
 * child process: every public block-Gibbs path, digested to one SHA-256.
 */
import { createHash } from 'node:crypto';
import { compile } from '@stochnet/model';
import { PersistentChains, gibbsStep, initGibbs, restoreChains, runGibbs, saveChains } from '@stochnet/inference';
import { m1, m2b } from '../../../../test/support/fixtures.js';

export function t1Digest(): string {
  const hash = createHash('sha256');
  const add = (a: ArrayBufferView): void => void hash.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  const plan = compile(m1(), { dtype: 'float64' });
  const state = initGibbs(plan, { chains: 7, seed: 'T1', init: 'random', clamp: [{ group: 'x', units: [1], values: [1] }] });
  const run = runGibbs(state, 30, { trace: 'energy' });
  add(run.flips);
  add(run.energy!);
  gibbsStep(state, undefined, { meanField: 'last' });
  add(state.states);
  const rbmPlan = compile(m2b());
  const pcd = PersistentChains.create(rbmPlan, { chains: 5, seed: 'T1/pcd' });
  pcd.advance(4);
  const copy = restoreChains(rbmPlan, JSON.parse(JSON.stringify(saveChains(pcd.state))) as ReturnType<typeof saveChains>);
  gibbsStep(copy);
  add(copy.states);
  return hash.digest('hex');
}
