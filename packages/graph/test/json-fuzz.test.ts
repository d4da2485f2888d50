/**
 * P8 corruption fuzz (TESTING.md B.4): a valid saved network with one random
 * corruption either loads as a network equal to the original (a harmless
 * edit) or fails with a StochnetError (a SerializationError or
 * ValidationError subclass, or a structure error from validation); it never
 * throws TypeError/RangeError and never yields a network holding NaN.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { StochnetError } from '../src/errors.js';
import { parseNetwork, toJSON } from '../src/json.js';
import type { Network } from '../src/types.js';
import { validateNetwork } from '../src/validate.js';
import { canonical, makeNet } from './view-json-nets.js';

const SEED = 20_240_611;
const NUM_RUNS = 200;

const original = makeNet([['v', 3], ['h', 2], ['x', 4], ['r', 1]], [
  { id: 'v--h', from: 'v', to: 'h', directed: false, mask: [1, 0, 0, 1, 1, 1] },
  { id: 'x--x', from: 'x', to: 'x', directed: false, pairs: [[0, 2, 1.5], [1, 2, 0], [2, 3, -1]] },
  { id: 'h->x', from: 'h', to: 'x' },
  { id: 'r->h', from: 'r', to: 'h', pairs: [[0, 1, 0.3]] },
]);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every [container, key] in the tree, for deleting or replacing one value. */
function slots(doc: Json): [Json[] | { [key: string]: Json }, string | number][] {
  const out: [Json[] | { [key: string]: Json }, string | number][] = [];
  const stack: Json[] = [doc];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (Array.isArray(x)) x.forEach((v, i) => { out.push([x, i]); stack.push(v); });
    else if (x !== null && typeof x === 'object') for (const [k, v] of Object.entries(x)) { out.push([x, k]); stack.push(v); }
  }
  return out;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
const SWAPS: Json[] = [null, true, 0, 1.5, -3, 'x', '', [], {}, [1, 2], { a: 1 }];

type Corruption =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'delete'; at: number }
  | { kind: 'swap'; at: number; value: number }
  | { kind: 'number'; at: number; replacement: string };

const corruption: fc.Arbitrary<Corruption> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), value: fc.nat({ max: SWAPS.length - 1 }) }),
  fc.record({ kind: fc.constant('number' as const), at: fc.nat(), replacement: fc.constantFrom('null', '1e400', '-1e400', '-0', '"1"') }),
);

function corrupt(text: string, c: Corruption): string {
  switch (c.kind) {
    case 'flip': {
      const i = c.at % text.length;
      return text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ (1 << c.bit)) + text.slice(i + 1);
    }
    case 'truncate':
      return text.slice(0, c.at % text.length);
    case 'number': {
      const spots = [...text.matchAll(NUMBER)].filter((m) => !/[\w"]/.test(text[m.index - 1] ?? ''));
      const m = spots[c.at % spots.length]!;
      return text.slice(0, m.index) + c.replacement + text.slice(m.index + m[0].length);
    }
    default: {
      const doc = JSON.parse(text) as Json;
      const all = slots(doc);
      const [holder, key] = all[c.at % all.length]!;
      if (c.kind === 'delete') {
        if (Array.isArray(holder)) holder.splice(key as number, 1);
        else delete holder[key as string];
      } else {
        (holder as Record<string | number, Json>)[key] = structuredClone(SWAPS[c.value]!);
      }
      return JSON.stringify(doc);
    }
  }
}

function hasNaN(net: Network): boolean {
  const arrays = [...net.biases.values(), ...[...net.couplings.values()].map((p) => p.weights)];
  return arrays.some((a) => a.some((x) => Number.isNaN(x)));
}

function check(text: string, c: Corruption, mustEqual: boolean): void {
  let result: ReturnType<typeof parseNetwork>;
  try {
    result = parseNetwork(corrupt(text, c));
  } catch (e) {
    throw new Error(`parseNetwork threw ${String(e)} for ${JSON.stringify(c)}`);
  }
  if (E.isLeft(result)) {
    for (const issue of result.left) expect(issue).toBeInstanceOf(StochnetError);
    return;
  }
  expect(hasNaN(result.right)).toBe(false);
  expect(E.isRight(validateNetwork(result.right))).toBe(true);
  if (mustEqual) expect(canonical(result.right)).toEqual(canonical(original));
}

describe('P8 corruption fuzz', () => {
  it('an integrity-protected file loads equal to the original or fails with a StochnetError', () => {
    for (const inline of [0, 64]) {
      const text = toJSON(original, { integrity: true, inline });
      fc.assert(fc.property(corruption, (c) => check(text, c, true)), { numRuns: NUM_RUNS, seed: SEED });
    }
  });

  it('an unprotected file loads as a valid, finite network or fails with a StochnetError', () => {
    const text = toJSON(original, { inline: 64 });
    fc.assert(fc.property(corruption, (c) => check(text, c, false)), { numRuns: NUM_RUNS, seed: SEED + 1 });
  });

  it('negative control: the harness notices a corruption that changes the network', () => {
    const text = toJSON(original, { inline: 64 });
    const changed = text.replace('"data":[1.5', '"data":[2.5');
    expect(changed).not.toBe(text);
    const r = parseNetwork(changed);
    expect(E.isRight(r) && canonical(r.right)).not.toEqual(canonical(original));
  });
});
