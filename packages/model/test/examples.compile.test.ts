/**
 * Twins of the @example blocks in compile.ts, describe.ts, write-back.ts and
 * limits.ts: the same code, with the printed values asserted.
 */
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { constant, dbn, rbm, zeros } from '@stochnet/graph';
import { MAX_PLAN_UNITS, MAX_PLAN_WEIGHTS, compile, compileEither, describePlan, writeBack } from '@stochnet/model';

describe('@example twins: compile', () => {
  it('compileEither', () => {
    const ok = compileEither(rbm(4, 3, { init: zeros() }), { dtype: 'float64' });
    expect(E.isRight(ok) && ok.right.kind).toBe('rbm');
    const bad = compileEither(rbm(4, 3, { init: zeros() }), { dtype: 'float16' as never });
    expect(E.isLeft(bad) && bad.left.map((e) => e.code)).toEqual(['CONFIG']);
  });

  it('compile', () => {
    const plan = compile(dbn([6, 4, 3, 2], { init: zeros() }));
    expect([plan.kind, plan.size]).toEqual(['dbn', 15]);
    expect(plan.blocks.map((b) => b.group)).toEqual(['h1', 'h2', 'h3', 'v']);
  });

  it('describePlan', () => {
    const summary = describePlan(compile(rbm(4, 3, { init: zeros() })));
    expect([summary.kind, summary.units]).toEqual(['rbm', 7]);
    expect(JSON.stringify(summary.schedules.gibbs)).toBe('[[{"group":"v","units":"all"}],[{"group":"h","units":"all"}]]');
  });

  it('writeBack', () => {
    const net = rbm(3, 2, { init: constant(0.5) });
    const plan = compile(net, { dtype: 'float64' });
    plan.weights[0]!.weights[0] = 2;
    const trained = writeBack(plan);
    expect(trained.couplings.get(net.structure.couplings[0]!.id)!.weights[0]).toBe(2);
    expect(net.couplings.get(net.structure.couplings[0]!.id)!.weights[0]).toBe(0.5);
  });

  it('MAX_PLAN_WEIGHTS and MAX_PLAN_UNITS', () => {
    expect(MAX_PLAN_WEIGHTS === 2 ** 28).toBe(true);
    expect(MAX_PLAN_UNITS === 2 ** 28).toBe(true);
  });
});
