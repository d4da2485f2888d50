/**
 * Negative control for P1: with the cycle check switched off, the
 * model-based property must find a sequence the reference rejects.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { commands, start } from './p1-model.js';

vi.mock('../src/directed-cycle.js', () => ({ findDirectedCycle: () => null }));

describe('P1 negative control', () => {
  it('fails when validation stops rejecting directed cycles', () => {
    expect(() => fc.assert(fc.property(commands(true), (cmds) => fc.modelRun(start, cmds)), { numRuns: 200, seed: 20240611 })).toThrow(
      /Property failed/,
    );
  });
});
