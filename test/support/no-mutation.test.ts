import { describe, expect, it } from 'vitest';
import { expectRejectsWithoutMutation, snapshot } from './no-mutation.js';

class CodedError extends Error {
  readonly code = 'CODED';
}

describe('expectRejectsWithoutMutation (negative controls)', () => {
  it('passes when the call throws the expected error and changes nothing', () => {
    const a = new Float64Array([1, 2]);
    expectRejectsWithoutMutation(() => {
      throw new CodedError('x');
    }, { code: 'CODED', errorClass: CodedError, inputs: [a, [1, 2], new Map([['k', a]])] });
  });

  it('fails when the call does not throw', () => {
    expect(() => expectRejectsWithoutMutation(() => 1, { code: 'CODED', inputs: [] })).toThrow();
  });

  it('fails on the wrong code or class', () => {
    const bad = (): never => {
      throw new CodedError('x');
    };
    expect(() => expectRejectsWithoutMutation(bad, { code: 'OTHER', inputs: [] })).toThrow();
    expect(() => expectRejectsWithoutMutation(bad, { errorClass: TypeError, inputs: [] })).toThrow();
  });

  it.each([
    ['a typed array element', () => new Float64Array(3), (x: Float64Array) => void (x[1] = 5)],
    ['0 to -0 in a typed array', () => new Float64Array(3), (x: Float64Array) => void (x[1] = -0)],
    ['a NaN payload', () => new Float64Array([Number.NaN]), (x: Float64Array) => new DataView(x.buffer).setUint8(0, 1)],
    ['a nested plain array', () => [[1, 2]], (x: number[][]) => void (x[0]![1] = 3)],
    ['a Map entry', () => new Map([['k', new Uint8Array(2)]]), (x: Map<string, Uint8Array>) => void x.get('k')!.fill(1)],
    ['an object field', () => ({ a: { b: 1 } }), (x: { a: { b: number } }) => void (x.a.b = 2)],
  ] as const)('fails when the call changes %s before throwing', (_name, make, change) => {
    const input = make();
    const call = (): never => {
      (change as (x: unknown) => void)(input);
      throw new CodedError('x');
    };
    expect(() => expectRejectsWithoutMutation(call, { code: 'CODED', inputs: [input] })).toThrow();
  });

  it('snapshots a seeded stream by its state', () => {
    let n = 0;
    const rng = { state: () => ({ n }), fork: () => rng, next: () => n++ };
    const before = snapshot(rng);
    rng.next();
    expect(snapshot(rng)).not.toEqual(before);
  });
});
