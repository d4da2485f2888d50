/**
 * Data for the belief-net learning tests: visible rows drawn from a known
 * teacher SBN 6 ← 3 with strong weights (a posterior with real structure).
 */
import { normal, sbn } from '@stochnet/graph';
import { compile } from '@stochnet/model';
import type { Plan } from '@stochnet/model';
import { ancestralSample } from '@stochnet/inference';

/** The teacher SBN 6 ← 3, weights N(0, 3²). */
export function teacher(): Plan {
  return compile(sbn([6, 3], { seed: 'teacher', init: normal(0, 3) }), { dtype: 'float64' });
}

/** n rows of the teacher's visible units, drawn ancestrally with `seed`. */
export function teacherData(n: number, seed: string): { values: Uint8Array; rows: number; cols: number } {
  const t = teacher();
  const { states } = ancestralSample(t, { samples: n, seed });
  const v = t.blocks.find((b) => b.role === 'visible')!;
  const values = new Uint8Array(n * 6);
  for (let r = 0; r < n; r++) for (let i = 0; i < 6; i++) values[r * 6 + i] = states[r * t.size + v.offset + i]!;
  return { values, rows: n, cols: 6 };
}
