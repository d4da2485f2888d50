import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { QUICK, runIsing } from '../src/ising.js';

/** ⟨|m|⟩ of the ±1 Ising model on an L×L open grid, summed by hand over every spin configuration. */
function byHand(side: number, temperature: number): number {
  const n = side * side;
  let z = 0;
  let sum = 0;
  for (let x = 0; x < 2 ** n; x++) {
    const spin = (i: number): number => (((x >> i) & 1) === 1 ? 1 : -1);
    let e = 0;
    let m = 0;
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        const i = r * side + c;
        m += spin(i);
        if (c + 1 < side) e -= spin(i) * spin(i + 1);
        if (r + 1 < side) e -= spin(i) * spin(i + side);
      }
    }
    const w = Math.exp(-e / temperature);
    z += w;
    sum += w * Math.abs(m / n);
  }
  return sum / z;
}

describe('ising example', () => {
  const lines: string[] = [];
  const result = runIsing({ ...QUICK, chains: 50, burnIn: 30, sweeps: 200 }, (l) => lines.push(l));

  it('colours the grid as a checkerboard: two Gibbs steps', () => {
    expect(result.gibbsSteps).toBe(2);
  });

  it('maps the ±1 Ising model onto binary units exactly', () => {
    for (const row of result.rows) expect(row.exact).toBeCloseTo(byHand(QUICK.side, row.temperature), 12);
  });

  it('Gibbs magnetisation agrees with enumeration and falls with temperature', () => {
    for (const row of result.rows) expect(Math.abs(row.gibbs - row.exact)).toBeLessThan(0.03);
    const g = result.rows.map((r) => r.gibbs);
    for (let k = 1; k < g.length; k++) expect(g[k]!).toBeLessThan(g[k - 1]!);
    expect(lines.join('\n')).toContain(result.rows[0]!.exact.toFixed(4));
  });

  it('runs from the command line', () => {
    const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
    const out = execFileSync(process.execPath, ['--import', 'tsx', main, '--quick', '--chains', '5', '--sweeps', '20'], {
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      encoding: 'utf8',
    });
    expect(out).toContain('checkerboard');
  });
});
