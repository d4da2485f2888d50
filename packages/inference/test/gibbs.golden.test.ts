/**
 * T2 (TESTING.md B.6): golden sequences of block Gibbs and of the CD-1 and
 * PCD-1 learning rules for seed 'golden-1'. Binary outputs must match
 * exactly, gradients within 1e-12 relative. They pin the chains' substreams
 * (chain c draws from `fork('chain/' + c)`, held as typed-array streams) and
 * the order every rule consumes its uniforms; a change of stream (a policy
 * change: streams are stable within a minor version) must be justified in
 * the commit and noted in the CHANGELOG.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '@stochnet/graph';
import { compile, zeroGradient } from '@stochnet/model';
import { createLearner, gibbsStep, initGibbs } from '@stochnet/inference';
import { m1, m2a } from '../../../test/support/fixtures.js';

/** 100 sweeps of 3 chains of M1 (float64, random start): per sweep and chain, the state in two base-32 digits (bit u = unit u). */
const GIBBS =
  '0n1j1p1v051v130o0r1n1e0n0n0t051n1l100n1d0e1r171f0h0t170n0a130n1t160v07150d0r100m0i1r0n1a0f1v1q0c0j1j' +
  '0n0t1f0n1t1h1j0t0n0t120n07121v0j14110l1d160n0j090r0n07080b1f1c1n060f1f1n1n07071l0v0u0l0p1v1b0n0v0j0d' +
  '0d0n1v1j0n1j0l1n011i130o1b110v070n0l0j0v1j0717170j1f0e031n0p14051d1f0n1a0k09161n0n070f0f13000e171l1l' +
  '0n031p0b0n0l1u1h1n0f170a1010100s1n141l0f190f0n0a070r0n0n071v031l1f0v0t1l1v170p180n07150n0v0p1n0n1u1j' +
  '17180v1n0a131f081l0n1i1m1j151n0k0g151t0v0n0n170f0j0r1r0b0v1l0v071b0v0n1i0p061h0d0v0v071f06071l060j1n' +
  '131l150b0n1n1k0h1h1n1j1r1t0t1t1h080c1v0f1f0v17170n0n0v1f0p1n0v1n1n171l0h01071n131v191a0n10110214010n';

/** M2a (float64), data rows 101, 011, 110: bias then weight gradients of the first 5 updates, update t drawing from fork('update/' + t). */
const CD1 = [
    [-0.07499539522619303, 0.005920374035434217, -0.08768134364252356, 0.013778271693607125, 0.20198820578921106, -0.11154345679279887, -0.06119964611586315, 0.05130987529384845, 0.003095326414789823, 0.01763845492274621, 0.17089553512393862],
    [0.06944461225769089, -0.0018690728456676187, -0.09148212159049207, 0.18190298085773504, 0.07044821280811131, 0.011242205950730055, -0.07143118343358101, 0.22721107708067506, 0.1532896451116471, 0.03357265536597431, 0.04510300292817149],
    [-0.2010225652149612, -0.01750393957125329, -0.19204933695936166, -0.16917180094573503, 0.25749294674059114, -0.3068617296222244, -0.16593661340384425, -0.12130939559210663, -0.18527231211380524, -0.05286149515968497, 0.22194242506246548],
    [-0.056582557731077454, -0.025293386452355238, -0.1958501149073305, -0.0010470917816070013, 0.12595295375949156, -0.18407606687869532, -0.17616815072156222, 0.05459180619471993, -0.03507799341694795, -0.03692729471645684, 0.09614989286669845],
    [0.08785744975280646, -0.033082833333457295, -0.19965089285529924, 0.16707761738252086, -0.005587039221608081, -0.061290404135166454, -0.18639968803927998, 0.23049300798154654, 0.11511632527990934, -0.020993094273228763, -0.029642639329068632],
  ];

/** As CD1, for PCD-1 with 4 chains seeded 'golden-1/chains'. */
const PCD1 = [
    [0.01923366162716067, 0.05516424240910589, -0.08333333333333337, 0.16666666666666663, 0.16666666666666663, -0.06763125707038758, -0.08712991734868392, 0.13447023494353966, 0.11045282138959517, 0.07035747960704228, 0.11532810457076415],
    [-0.011557019343607089, -0.009554317444100735, -0.08333333333333337, -0.08333333333333337, -0.08333333333333337, -0.18805191456536335, -0.09014874019817332, -0.01992048728716367, -0.13027343541397018, -0.08699312959201366, -0.08391484558095696],
    [0.1457359670279454, -0.022443060635735868, -0.33333333333333337, 0.41666666666666663, 0.16666666666666663, -0.06768887989789107, -0.29926161069204016, 0.288860957174243, 0.3511790781931605, 0.19077813710201802, 0.11834692742025366],
    [0.039905916605204816, -0.030374128853458915, -0.33333333333333337, 0.16666666666666663, 0.16666666666666663, -0.17351893032063165, -0.3071926789097632, 0.0625526264290232, 0.12809749378259178, 0.19077813710201802, 0.11834692742025366],
    [0.017630555946564708, 0.07824386058701016, 0.16666666666666663, 0.16666666666666663, 0.16666666666666663, 0.1925895155830562, 0.16152740767260454, 0.12678548135713474, 0.21415856546183065, 0.06467956664336827, 0.14844044883210133],
  ];

const DATA = Uint8Array.of(1, 0, 1, 0, 1, 1, 1, 1, 0);

function expectClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected[i]!))));
}

describe('T2 golden sequences', () => {
  it("block Gibbs on M1: the first 100 sweeps of seed 'golden-1'", () => {
    const state = initGibbs(compile(m1(), { dtype: 'float64' }), { chains: 3, seed: 'golden-1', init: 'random' });
    let s = '';
    for (let t = 0; t < 100; t++) {
      gibbsStep(state);
      for (let c = 0; c < 3; c++) {
        let x = 0;
        for (let u = 0; u < 6; u++) x |= state.states[c * 6 + u]! << u;
        s += x.toString(32).padStart(2, '0');
      }
    }
    expect(s).toBe(GIBBS);
  });

  it.each([
    ['CD-1', { method: 'cd', k: 1 } as const, CD1],
    ['PCD-1', { method: 'pcd', k: 1, chains: 4, seed: 'golden-1/chains' } as const, PCD1],
  ])('%s on M2a: the first 5 updates', (_, opts, golden) => {
    const plan = compile(m2a(), { dtype: 'float64' });
    const learner = createLearner(plan, opts);
    for (let t = 0; t < 5; t++) {
      const g = learner.gradient(zeroGradient(plan), DATA, 3, createRng('golden-1').fork(`update/${t}`));
      expectClose([...g.bias, ...g.weights.flatMap((w) => [...w])], golden[t]!);
    }
  });
});
