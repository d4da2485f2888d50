/**
 * D5 (TESTING.md B.1): exact expected CD-k on M2c-type RBMs (4v × 3h, 4
 * fixed data vectors), computed by pushing each data vector's point mass
 * through T^k, T the visible block-Gibbs kernel built from the library's
 * own conditionals (test/support/cd-oracle.ts). This pins the oracle S9
 * uses:
 * - E[CD_k] → ∇ log L (the library's exactGradient) as k grows;
 * - E[CD_1] equals a direct double sum over (h_0, v_1), without T;
 * - the errors ‖E[CD_k] − ∇ log L‖_∞ are regression literals (1e-12
 *   relative; values below 1e-9 within 1e-14 absolute, where rounding
 *   dominates);
 * - they agree with TESTING.md's prototype table to within 1.5 orders of
 *   magnitude wherever the table lists a value ≥ 1e-10, and |λ₂(T)| with the
 *   table's second eigenvalues to within 0.05. The prototype used other
 *   random draws for M2c and its data, so closer agreement is not expected.
 */
import { describe, expect, it } from 'vitest';
import { compile, exactGradient, hiddenGivenVisible, visibleGivenHidden, zeroGradient } from '@stochnet/model';
import { m2c } from '../../../../test/support/fixtures.js';
import { addStats, bits, expectedCd, flatten, maxAbsDiff, secondEigenvalue, sidesOf, visibleKernel } from '../../../../test/support/cd-oracle.js';

const DATA = Uint8Array.of(1, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 0, 0, 1);
const KS = [1, 2, 5, 10, 20, 50];

/** ‖E[CD_k] − ∇ log L‖_∞ for this suite's M2c draws and data (computed by this oracle, float64). */
const REGRESSION: Record<string, readonly number[]> = {
  '0.5': [0.0143878931414309, 0.000854527290559792, 1.88488945562781e-7, 1.70669034460502e-13, 2.22044604925031e-16, 1.94289029309402e-16],
  '1': [0.050896681942151, 0.00712952671739414, 3.46214442670245e-5, 4.98103269741534e-9, 3.88578058618805e-16, 4.9960036108132e-16],
  '2': [0.12135126436559, 0.0346981491258489, 0.000796155412194854, 1.65091784992688e-6, 7.33063609814621e-12, 5.55111512312578e-16],
};

/** TESTING.md D5's prototype table (null where it lists none), and the second eigenvalue of T. */
const TABLE: Record<string, { readonly errors: readonly (number | null)[]; readonly lambda2: number }> = {
  '0.5': { errors: [2.1e-3, 7.8e-5, 1.2e-8, 4.6e-15, null, null], lambda2: 0.05 },
  '1': { errors: [2.1e-2, 3.8e-3, 1.8e-5, 2.3e-9, 2.8e-16, null], lambda2: 0.17 },
  '2': { errors: [1.2e-1, 4.2e-2, 1.4e-3, 4.6e-6, 4.9e-11, 7.8e-16], lambda2: 0.32 },
};

describe('D5 exact expected CD-k', () => {
  for (const sd of [0.5, 1, 2]) {
    describe(`W sd ${sd}`, () => {
      const plan = compile(m2c('M2c', sd), { dtype: 'float64' });
      const exact = flatten(exactGradient(plan, DATA, 4));
      const errors = KS.map((k) => maxAbsDiff(flatten(expectedCd(plan, DATA, 4, k)), exact));

      it('converges to the exact log-likelihood gradient', () => {
        expect(errors[KS.indexOf(50)]!).toBeLessThan(1e-14);
        for (let i = 1; i < KS.length; i++) if (errors[i - 1]! > 1e-13) expect(errors[i]!).toBeLessThan(errors[i - 1]!);
      });

      it('reproduces the regression literals', () => {
        REGRESSION[String(sd)]!.forEach((want, i) => {
          const got = errors[i]!;
          if (want >= 1e-9) expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-12 * want);
          else expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-14);
        });
      });

      it("agrees in size with TESTING.md's prototype table", () => {
        const row = TABLE[String(sd)]!;
        row.errors.forEach((want, i) => {
          if (want === null || want < 1e-10) return;
          expect(Math.abs(Math.log10(errors[i]! / want))).toBeLessThanOrEqual(1.5);
        });
        expect(Math.abs(secondEigenvalue(visibleKernel(plan).T, 16) - row.lambda2)).toBeLessThanOrEqual(0.05);
      });

      it('E[CD_1] equals the direct sum over (h_0, v_1)', () => {
        const s = sidesOf(plan);
        const direct = zeroGradient(plan);
        const prob = (p: ArrayLike<number>, x: number, n: number): number => {
          let q = 1;
          for (let i = 0; i < n; i++) q *= (x >> i) & 1 ? p[i]! : 1 - p[i]!;
          return q;
        };
        for (let r = 0; r < 4; r++) {
          const v0 = DATA.subarray(r * 4, r * 4 + 4);
          const ph0 = hiddenGivenVisible(plan, v0);
          addStats(direct, s, v0, ph0, 0.25);
          for (let h = 0; h < 8; h++) {
            const pv = visibleGivenHidden(plan, bits(h, 3));
            for (let v = 0; v < 16; v++) {
              const w = prob(ph0, h, 3) * prob(pv, v, 4);
              addStats(direct, s, bits(v, 4), hiddenGivenVisible(plan, bits(v, 4)), -0.25 * w);
            }
          }
        }
        expect(maxAbsDiff(flatten(direct), flatten(expectedCd(plan, DATA, 4, 1)))).toBeLessThan(1e-15);
      });
    });
  }
});
