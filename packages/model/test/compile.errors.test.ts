import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import {
  ConfigError,
  CycleError,
  GraphStructureError,
  NonFiniteError,
  SelfLoopError,
  ShapeError,
  StochnetError,
  TooLargeError,
  ValidationError,
  boltzmann,
  emptyNetwork,
  rbm,
  zeros,
} from '@stochnet/graph';
import type { CouplingId, CouplingParams, GroupId, Network } from '@stochnet/graph';
import { compile, compileEither, jsBackend, writeBack } from '@stochnet/model';
import type { CompileOptions } from '@stochnet/model';
import { expectRejectsWithoutMutation } from '../../../test/support/no-mutation.js';
import { makeNet } from './support/nets.js';

const codes = (net: Network, opts?: CompileOptions): string[] => {
  const r = compileEither(net, opts);
  return E.isLeft(r) ? r.left.map((e) => e.code) : [];
};

/** A network claiming sizes far larger than its (tiny) arrays: only the structure is large. */
function hugeClaim(sizes: Record<string, number>, couplings: [string, string][]): Network {
  const base = makeNet(Object.keys(sizes).map((id) => ({ id, size: 1 })), couplings.map(([from, to]) => ({ id: `${from}--${to}`, from, to })));
  return {
    ...base,
    structure: { ...base.structure, groups: base.structure.groups.map((g) => ({ ...g, size: sizes[g.id]! })) },
  };
}

describe('compile: bad input', () => {
  const good = makeNet([{ id: 'v', size: 3, role: 'visible' }, { id: 'h', size: 2 }], [{ id: 'v--h', from: 'v', to: 'h' }]);

  it('passes every validation problem through, all at once', () => {
    const biases = new Map(good.biases);
    biases.set('v' as GroupId, Float64Array.of(0, Number.NaN, 0));
    const couplings = new Map<CouplingId, CouplingParams>([['v--h' as CouplingId, { weights: Float64Array.of(1, 2, Infinity, 4, 5, 6) }]]);
    const bad: Network = { ...good, biases, couplings };
    expect(codes(bad)).toEqual(['NON_FINITE', 'NON_FINITE']);
    const err = expectRejectsWithoutMutation(() => compile(bad), { errorClass: NonFiniteError, inputs: [bad] });
    expect((err as StochnetError).issues).toHaveLength(2);
  });

  it('rejects a shape mismatch', () => {
    const bad: Network = { ...good, couplings: new Map([['v--h' as CouplingId, { weights: new Float64Array(5) }]]) };
    expectRejectsWithoutMutation(() => compile(bad), { errorClass: ShapeError, code: 'SHAPE', inputs: [bad] });
  });

  it('rejects a network without groups', () => {
    const empty = emptyNetwork();
    expectRejectsWithoutMutation(() => compile(empty), { errorClass: ShapeError, code: 'SHAPE', inputs: [empty] });
  });

  it('rejects a directed coupling inside an undirected component as UNPLANNABLE, naming it', () => {
    const net = makeNet(
      ['a', 'b', 'c'].map((id) => ({ id, size: 2 })),
      [
        { id: 'a--b', from: 'a', to: 'b' },
        { id: 'b--c', from: 'b', to: 'c' },
        { id: 'a->c', from: 'a', to: 'c', directed: true },
      ],
    );
    const err = expectRejectsWithoutMutation(() => compile(net), { errorClass: GraphStructureError, code: 'UNPLANNABLE', inputs: [net] });
    expect((err as StochnetError).details).toMatchObject({ coupling: 'a->c', from: 'a', to: 'c', component: ['a', 'b', 'c'] });
  });

  it('rejects a directed cycle through undirected components as a CycleError', () => {
    const net = makeNet(
      ['a', 'b', 'c'].map((id) => ({ id, size: 2 })),
      [
        { id: 'a->b', from: 'a', to: 'b', directed: true },
        { id: 'b--c', from: 'b', to: 'c' },
        { id: 'c->a', from: 'c', to: 'a', directed: true },
      ],
    );
    const err = expectRejectsWithoutMutation(() => compile(net), { errorClass: CycleError, code: 'CYCLE', inputs: [net] });
    expect((err as StochnetError).details).toMatchObject({ couplings: ['a->b', 'c->a'] });
  });

  it('rejects a plain directed cycle (found by validation)', () => {
    const net = makeNet(['a', 'b'].map((id) => ({ id, size: 1 })), [
      { id: 'a->b', from: 'a', to: 'b', directed: true },
      { id: 'b->a', from: 'b', to: 'a', directed: true },
    ]);
    expectRejectsWithoutMutation(() => compile(net), { errorClass: CycleError, inputs: [net] });
  });

  it('rejects bad options with a ConfigError naming the option, collecting every one', () => {
    const cases: [unknown, string][] = [
      [{ dtype: 'float16' }, 'dtype'],
      [{ dtpye: 'float64' }, 'dtpye'],
      [{ backend: null }, 'backend'],
      [{ backend: { ...jsBackend, gemm: undefined } }, 'backend'],
      [{ backend: { ...jsBackend, name: '' } }, 'backend.name'],
      [null, 'options'],
      [42, 'options'],
    ];
    for (const [opts, option] of cases) {
      const err = expectRejectsWithoutMutation(() => compile(good, opts as CompileOptions), { errorClass: ConfigError, code: 'CONFIG', inputs: [good, opts] });
      expect((err as StochnetError).details['option']).toBe(option);
    }
    const { spmm: _spmm, ger: _ger, ...partial } = jsBackend;
    const r = compileEither(good, { dtype: 'float16' as never, backend: partial as never });
    expect(E.isLeft(r) && r.left.map((e) => [e.code, e.details['option'], e.details['kernel']])).toEqual([
      ['CONFIG', 'dtype', undefined],
      ['CONFIG', 'backend', 'ger'],
      ['CONFIG', 'backend', 'spmm'],
    ]);
  });

  it('reports bad options and an invalid network together', () => {
    const bad: Network = { ...good, couplings: new Map([['v--h' as CouplingId, { weights: new Float64Array(5) }]]) };
    expect(codes(bad, { dtype: 'int8' as never })).toEqual(['SHAPE', 'CONFIG']);
  });

  it('rejects a block over the weight limit before allocating it', () => {
    const net = hugeClaim({ a: 2 ** 15, b: 2 ** 14 }, [['a', 'b']]);
    const err = expectRejectsWithoutMutation(() => compile(net), { errorClass: StochnetError, inputs: [net] });
    const issues = (err as StochnetError).issues;
    const tooLarge = issues.filter((e) => e instanceof TooLargeError);
    expect(tooLarge.map((e) => e.details)).toEqual([{ coupling: 'a--b', rows: 2 ** 15, cols: 2 ** 14, weights: 2 ** 29, limit: 2 ** 28 }]);
  });

  it('rejects too many weights in total, and too many units', () => {
    const net = hugeClaim({ a: 2 ** 14, b: 2 ** 14, c: 2 ** 14 }, [['a', 'b'], ['a', 'c']]);
    const r = compileEither(net);
    expect(E.isLeft(r) && r.left.filter((e) => e.code === 'TOO_LARGE').map((e) => e.details)).toEqual([{ weights: 2 ** 29, limit: 2 ** 28 }]);
    const wide = hugeClaim({ a: 2 ** 28 + 1 }, []);
    expect(codes(wide)).toContain('TOO_LARGE');
  });

  it('rejects parameters that overflow float32, and accepts them in float64', () => {
    const net = makeNet([{ id: 'v', size: 2 }, { id: 'h', size: 1 }], [{ id: 'v--h', from: 'v', to: 'h', weights: [1e39, 0] }]);
    const err = expectRejectsWithoutMutation(() => compile(net), { errorClass: NonFiniteError, inputs: [net] });
    expect((err as StochnetError).details).toMatchObject({ coupling: 'v--h', index: 0, dtype: 'float32' });
    expect(compile(net, { dtype: 'float64' }).weights[0]!.weights[0]).toBe(1e39);
  });

  it('rejects something that is not a network with a ValidationError, never a TypeError', () => {
    for (const junk of [null, undefined, 42, 'net', {}, { structure: { groups: [null], couplings: [null] }, biases: new Map(), couplings: new Map() }]) {
      const r = compileEither(junk as never);
      expect(E.isLeft(r) && r.left.every((e) => e instanceof ValidationError)).toBe(true);
    }
  });

  it('negative control: a good network with good options compiles', () => {
    expect(E.isRight(compileEither(good, { dtype: 'float64', backend: jsBackend }))).toBe(true);
    expect(E.isRight(compileEither(good, {}))).toBe(true);
  });
});

describe('writeBack: bad input', () => {
  it('rejects non-finite plan parameters and changes neither plan nor network', () => {
    const net = rbm(3, 2, { init: zeros() });
    const plan = compile(net, { dtype: 'float64' });
    plan.weights[0]!.weights[2] = Number.NaN;
    const err = expectRejectsWithoutMutation(() => plan.toNetwork(), { errorClass: NonFiniteError, inputs: [net, plan.weights[0]!.weights, plan.bias] });
    expect((err as StochnetError).details).toMatchObject({ coupling: 'v--h', index: 2 });
  });

  it('rejects a masked-off weight that is no longer zero', () => {
    const net = makeNet([{ id: 'a', size: 2 }, { id: 'b', size: 2 }], [{ id: 'a->b', from: 'a', to: 'b', directed: true, connectivity: 'masked', mask: [1, 0, 0, 1] }]);
    const plan = compile(net);
    plan.weights[0]!.weights[1] = 0.5;
    expectRejectsWithoutMutation(() => writeBack(plan), { errorClass: ValidationError, inputs: [net, plan.weights[0]!.weights] });
  });

  it('rejects a dense lateral made asymmetric or given a diagonal (the saved network would not load)', () => {
    const net = boltzmann(3, { init: zeros() });
    const plan = compile(net, { dtype: 'float64' });
    const w = plan.weights[0]!.weights;
    w[1] = 0.5; // W[0][1] without its mirror W[1][0]
    const err = expectRejectsWithoutMutation(() => writeBack(plan), { errorClass: ValidationError, inputs: [net, w, plan.bias] });
    expect((err as StochnetError).details).toMatchObject({ coupling: 'x--x', row: 0, column: 1 });
    w[3] = 0.5; // now symmetric: writes back
    expect(writeBack(plan).couplings.get('x--x' as CouplingId)!.weights[3]).toBe(0.5);
    w[4] = 1; // W[1][1]
    expectRejectsWithoutMutation(() => plan.toNetwork(), { errorClass: SelfLoopError, inputs: [net, w] });
  });

  it('rejects writing back into a network of another structure', () => {
    const plan = compile(rbm(3, 2, { init: zeros() }));
    const other = rbm(3, 3, { init: zeros() });
    expectRejectsWithoutMutation(() => writeBack(plan, other), { errorClass: ShapeError, inputs: [other, plan.bias] });
    const renamed = makeNet([{ id: 'v', size: 3 }, { id: 'h', size: 2 }], [{ id: 'h--v', from: 'h', to: 'v' }]);
    expectRejectsWithoutMutation(() => writeBack(plan, renamed), { code: 'PLAN_MISMATCH', inputs: [renamed, plan.bias] });
  });

  it('writes back into a structurally identical network, using its pair order', () => {
    const source = makeNet([{ id: 'v', size: 3 }, { id: 'h', size: 2 }], [{ id: 'v--h', from: 'v', to: 'h' }]);
    const twin = makeNet([{ id: 'h', size: 2 }, { id: 'v', size: 3 }], [{ id: 'v--h', from: 'v', to: 'h', weights: [0, 0, 0, 0, 0, 0] }]);
    const back = writeBack(compile(source, { dtype: 'float64' }), twin);
    expect(back.structure).toBe(twin.structure);
    expect(Array.from(back.couplings.get('v--h' as CouplingId)!.weights)).toEqual(Array.from(source.couplings.get('v--h' as CouplingId)!.weights));
  });
});
