import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DuplicateEdgeError,
  IntegrityError,
  NonFiniteError,
  ParseError,
  SchemaError,
  ShapeError,
  StochnetError,
  TooLargeError,
  UnknownUnitError,
  ValidationError,
  VersionError,
} from '../src/errors.js';
import { fromJSON, parseNetwork, toJSON } from '../src/json.js';
import type { CouplingId, GroupId, Network } from '../src/types.js';
import { LIBRARY_VERSION } from '../src/version.js';
import { expectSameNetwork, makeNet } from './view-json-nets.js';

const custom = (): Network =>
  makeNet([['h', 2], ['r', 1], ['v', 3], ['x', 4]], [
    { id: 'h->x', from: 'h', to: 'x' },
    { id: 'v--h', from: 'v', to: 'h', directed: false, mask: [1, 0, 0, 1, 1, 1] },
    { id: 'x--x', from: 'x', to: 'x', directed: false, pairs: [[0, 2, 1.5], [1, 2, 0], [2, 3, -1]] },
    { id: 'r->h', from: 'r', to: 'h', pairs: [[0, 1, 0.1 + 0.2]] },
  ]);

/** The first error of a failed parse (fails the test when parsing succeeds). */
function firstIssue(text: string): StochnetError {
  const r = parseNetwork(text);
  if (E.isRight(r)) throw new Error('expected the parse to fail');
  return r.left[0];
}

/** Parses the JSON of `net`, lets `edit` change the tree, and serialises it again. */
function edited(net: Network, edit: (doc: any) => void, opts?: { integrity?: boolean; inline?: number }): string {
  const doc = JSON.parse(toJSON(net, opts));
  edit(doc);
  return JSON.stringify(doc);
}

describe('round trip (P7, B.5 item 1)', () => {
  it.each([0, 4, 64, Infinity])('is exact and idempotent with inline = %s', (inline) => {
    const net = custom();
    const text = toJSON(net, { inline });
    const back = fromJSON(text);
    expectSameNetwork(back, net);
    expect(toJSON(back, { inline })).toBe(text);
  });

  it('keeps awkward doubles bit for bit in both encodings, writing -0 as 0', () => {
    const special = [5e-324, -1.7976931348623157e308, 0.1 + 0.2, -0, 1 / 3, 2 ** -1074 * 3];
    const net = makeNet([['a', 2], ['b', 3]], [{ id: 'a->b', from: 'a', to: 'b', weights: special }]);
    for (const inline of [0, 100]) {
      const text = toJSON(net, { inline });
      expect(text).not.toContain('null');
      const w = fromJSON(text).couplings.get('a->b' as CouplingId)!.weights;
      special.forEach((x, k) => expect(Object.is(w[k], x === 0 ? 0 : x)).toBe(true));
    }
  });

  it('keeps the network order, so a reload deep-equals the original; the integrity hash ignores order', () => {
    const a = custom();
    const b = { ...a, structure: { groups: [...a.structure.groups].reverse(), couplings: [...a.structure.couplings].reverse() } };
    expect(fromJSON(toJSON(b)).structure).toEqual(b.structure);
    expect(fromJSON(toJSON(a)).structure).toEqual(a.structure);
    const hashOf = (n: Network): unknown => JSON.parse(toJSON(n, { integrity: true })).sha256;
    expect(hashOf(b)).toBe(hashOf(a));
  });

  it('states dtype and shape of every array and writes the version header', () => {
    const doc = JSON.parse(toJSON(custom(), { inline: 0 }));
    expect(Object.keys(doc)).toEqual(['format', 'formatVersion', 'libraryVersion', 'groups', 'couplings', 'biases']);
    expect(doc.format).toBe('stochnet-network');
    expect(doc.formatVersion).toBe(1);
    expect(doc.libraryVersion).toBe(LIBRARY_VERSION);
    const vh = doc.couplings.find((c: { id: string }) => c.id === 'v--h');
    expect(vh.weights).toMatchObject({ dtype: 'float64', shape: [3, 2], encoding: 'base64' });
    expect(vh.mask).toMatchObject({ dtype: 'uint8', shape: [3, 2] });
    const xx = doc.couplings.find((c: { id: string }) => c.id === 'x--x');
    expect(xx.rows).toMatchObject({ dtype: 'int32', shape: [3] });
  });
});

describe('toJSON refuses what it cannot write (B.5 item 5)', () => {
  it('throws NonFiniteError naming the coupling and index, or the group, for NaN and ±Infinity', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const net = custom();
      const w = net.couplings.get('h->x' as CouplingId)!.weights.slice();
      w[5] = bad;
      const params = new Map(net.couplings).set('h->x' as CouplingId, { weights: w });
      const e = (() => { try { toJSON({ ...net, couplings: params }); } catch (x) { return x; } })() as NonFiniteError;
      expect(e).toBeInstanceOf(NonFiniteError);
      expect(e.details).toMatchObject({ coupling: 'h->x', index: 5 });
      const bias = net.biases.get('v' as GroupId)!.slice();
      bias[1] = bad;
      expect(() => toJSON({ ...net, biases: new Map(net.biases).set('v' as GroupId, bias) })).toThrow(NonFiniteError);
    }
  });

  it('rejects bad options with ConfigError', () => {
    for (const opts of [{ inline: -1 }, { inline: 1.5 }, { inline: NaN }, { integrity: 'yes' }, null]) {
      expect(() => toJSON(custom(), opts as never)).toThrow(ConfigError);
    }
  });
});

describe('bad input catalogue B.3 #31–#36 and B.5 items 4, 6, 7', () => {
  const good = toJSON(custom(), { inline: 0 });

  it('#31 malformed text gives ParseError with the position', () => {
    for (const text of ['', '{', good.slice(0, good.length - 7), '{"a":1,}', 'nul']) {
      const e = firstIssue(text);
      expect(e).toBeInstanceOf(ParseError);
      expect(typeof e.details.position).toBe('number');
    }
    expect(firstIssue('{"a" 1}').details.position).toBe(5);
    expect(() => fromJSON(42 as never)).toThrow(ParseError);
  });

  it('#31 / B.5.7 a root that is not an object gives SchemaError at $', () => {
    for (const text of ['[]', '42', 'null', '"net"', 'true']) {
      const e = firstIssue(text);
      expect(e).toBeInstanceOf(SchemaError);
      expect(e.details.path).toBe('$');
    }
  });

  it('#32 / B.5.4 format tag and version policy', () => {
    expect(firstIssue(edited(custom(), (d) => { d.format = 'other-model'; }))).toBeInstanceOf(SchemaError);
    expect(firstIssue(edited(custom(), (d) => { delete d.format; }))).toBeInstanceOf(SchemaError);
    const missing = firstIssue(edited(custom(), (d) => { delete d.formatVersion; }));
    expect(missing).toBeInstanceOf(SchemaError);
    expect(missing.details.path).toBe('$.formatVersion');
    const newer = firstIssue(edited(custom(), (d) => { d.formatVersion = 2; }));
    expect(newer).toBeInstanceOf(VersionError);
    expect(newer.details).toMatchObject({ expected: 1, received: 2 });
    for (const v of [0, 1.5, '1', null]) {
      expect(firstIssue(edited(custom(), (d) => { d.formatVersion = v; }))).toBeInstanceOf(SchemaError);
    }
    // A different libraryVersion with the same formatVersion loads silently.
    expectSameNetwork(fromJSON(edited(custom(), (d) => { d.libraryVersion = '9.8.7'; })), custom());
  });

  it('#33 null, 1e400 and strings in numeric fields are refused with the JSON path', () => {
    const nulled = firstIssue(edited(custom(), (d) => { d.couplings[0].weights.data[1] = null; }, { inline: 100 }));
    expect(nulled).toBeInstanceOf(NonFiniteError);
    expect(nulled.details.path).toBe('$.couplings[0].weights.data[1]');
    const plain = toJSON(custom(), { inline: 100 });
    const huge = plain.replace('"data":[-0.25', '"data":[1e400');
    expect(huge).not.toBe(plain);
    const inf = firstIssue(huge);
    expect(inf).toBeInstanceOf(NonFiniteError);
    expect(String(inf.details.path)).toMatch(/^\$\.biases\[\d\]\.values\.data\[0\]$/);
    const text = firstIssue(edited(custom(), (d) => { d.biases[0].values.data[0] = '0.5'; }, { inline: 100 }));
    expect(text).toBeInstanceOf(ValidationError);
    expect(text).not.toBeInstanceOf(NonFiniteError);
    // NaN and Infinity smuggled into base64 data are refused too.
    const nanBytes = Buffer.alloc(8 * 6);
    nanBytes.writeDoubleLE(NaN, 16);
    const packed = firstIssue(edited(custom(), (d) => {
      const w = d.couplings.find((c: { id: string }) => c.id === 'h->x').weights;
      Object.assign(w, { shape: [2, 4], encoding: 'base64', data: Buffer.concat([nanBytes, Buffer.alloc(16)]).toString('base64') });
    }));
    expect(packed).toBeInstanceOf(NonFiniteError);
    expect(packed.details.path).toBe('$.couplings[0].weights.data[2]');
  });

  it('#34 shapes that disagree with the data or the groups give ShapeError with the path', () => {
    const longer = firstIssue(edited(custom(), (d) => { d.biases[0].values.shape = [3]; }));
    expect(longer).toBeInstanceOf(ShapeError);
    expect(longer.details.path).toBe('$.biases[0].values.shape');
    const transposed = firstIssue(edited(custom(), (d) => { d.couplings[0].weights.shape = [4, 2]; }));
    expect(transposed).toBeInstanceOf(ShapeError);
    expect(transposed.details).toMatchObject({ expected: [2, 4], received: [4, 2] });
    const short = firstIssue(edited(custom(), (d) => { d.couplings[0].weights.data = d.couplings[0].weights.data.slice(4); }));
    expect(short).toBeInstanceOf(ShapeError);
    expect(short.details.path).toBe('$.couplings[0].weights.data');
    const dtype = firstIssue(edited(custom(), (d) => { d.couplings[0].weights.dtype = 'float32'; }));
    expect(dtype).toBeInstanceOf(SchemaError);
  });

  it('#34 duplicate ids give DuplicateEdgeError with the path', () => {
    const groups = firstIssue(edited(custom(), (d) => { d.groups.push({ ...d.groups[0] }); }));
    expect(groups).toBeInstanceOf(DuplicateEdgeError);
    expect(groups.details.path).toBe('$.groups[4].id');
    const couplings = firstIssue(edited(custom(), (d) => { d.couplings.push(d.couplings[0]); }));
    expect(couplings).toBeInstanceOf(DuplicateEdgeError);
    expect(firstIssue(edited(custom(), (d) => { d.biases.push(d.biases[0]); }))).toBeInstanceOf(DuplicateEdgeError);
    expect(firstIssue(edited(custom(), (d) => { d.biases[0].group = 'nope'; }))).toBeInstanceOf(UnknownUnitError);
  });

  it('#35 __proto__, constructor and prototype keys are refused and pollute nothing', () => {
    const payloads = [
      good.replace('{"format"', '{"__proto__":{"polluted":1},"format"'),
      good.replace('{"id":"h","size"', '{"constructor":{"prototype":{"polluted":1}},"id":"h","size"'),
      good.replace('"shape":[3,2]', '"shape":[3,2],"prototype":{"polluted":1}'),
      good.replace('"groups":[', '"groups":[{"__proto__":{"polluted":1}},'),
    ];
    const before = toJSON(custom());
    for (const text of payloads) {
      expect(text).not.toBe(good);
      const e = firstIssue(text);
      expect(e).toBeInstanceOf(SchemaError);
      expect(String(e.details.path)).toMatch(/(__proto__|constructor|prototype)$/);
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    }
    expect(toJSON(custom())).toBe(before);
  });

  it('#36 / B.5.6 integrity: one changed digit fails, key order and whitespace still verify', () => {
    const signed = toJSON(custom(), { integrity: true, inline: 100 });
    const changed = signed.replace('"data":[1.5', '"data":[1.6');
    expect(changed).not.toBe(signed);
    expect(firstIssue(changed)).toBeInstanceOf(IntegrityError);
    const hash = JSON.parse(signed).sha256 as string;
    const otherHash = signed.replace(hash, (hash[0] === '0' ? '1' : '0') + hash.slice(1));
    expect(firstIssue(otherHash)).toBeInstanceOf(IntegrityError);
    // Negative control: the unsigned file with the same change loads (and differs).
    expect(E.isRight(parseNetwork(toJSON(custom(), { inline: 100 }).replace('"data":[1.5', '"data":[1.6')))).toBe(true);
    const reversed = (x: unknown): unknown =>
      Array.isArray(x) ? x.map(reversed)
        : x !== null && typeof x === 'object' ? Object.fromEntries(Object.entries(x).reverse().map(([k, v]) => [k, reversed(v)]))
          : x;
    const reordered = JSON.stringify(reversed(JSON.parse(signed)), null, '\t');
    expectSameNetwork(fromJSON(reordered), custom());
    expect(firstIssue(edited(custom(), (d) => { d.sha256 = 'abc'; }))).toBeInstanceOf(SchemaError);
  });

  it('B.5.7 huge declared dimensions are refused before allocating', () => {
    const big = firstIssue(edited(custom(), (d) => { d.couplings[0].weights.shape = [100000, 100000]; }));
    expect(big).toBeInstanceOf(TooLargeError);
    expect(big.details.path).toBe('$.couplings[0].weights.shape');
    const group = firstIssue(edited(custom(), (d) => { d.groups[0].size = 1e12; }));
    expect(group).toBeInstanceOf(TooLargeError);
    const dense = firstIssue(edited(custom(), (d) => { d.groups[0].size = 2 ** 27; d.groups[3].size = 2 ** 27; }));
    expect(dense).toBeInstanceOf(TooLargeError);
    const packed = firstIssue(edited(custom(), (d) => { d.couplings[0].weights.shape = [2 ** 20, 2 ** 7]; }));
    expect(packed).toBeInstanceOf(ShapeError);
  });

  it('B.5.7 deeply nested input fails cleanly, without overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(firstIssue(deep)).toBeInstanceOf(SchemaError);
    const inside = firstIssue(good.replace('"groups":[', `"groups":[${deep},`));
    expect(inside).toBeInstanceOf(SchemaError);
    expect(inside.details.path).toBe('$.groups[0]');
  });

  it('B.5.7 duplicate keys resolve deterministically (the last one wins)', () => {
    const twice = good.replace('"formatVersion":1', '"formatVersion":2,"formatVersion":1');
    expectSameNetwork(fromJSON(twice), custom());
    expect(firstIssue(good.replace('"formatVersion":1', '"formatVersion":1,"formatVersion":2'))).toBeInstanceOf(VersionError);
  });

  it('reports unknown and missing keys as SchemaError, and collects independent problems', () => {
    expect(firstIssue(edited(custom(), (d) => { d.extra = 1; })).details.path).toBe('$.extra');
    expect(firstIssue(edited(custom(), (d) => { delete d.couplings[0].weights; }))).toBeInstanceOf(SchemaError);
    const r = parseNetwork(edited(custom(), (d) => { d.groups[0].kind = 'gaussian'; d.couplings[1].directed = 'yes'; }));
    expect(E.isLeft(r) && r.left.map((e) => [e.details.path, e.code])).toEqual([
      ['$.groups[0].kind', 'SCHEMA'],
      ['$.couplings[1].directed', 'SCHEMA'],
    ]);
  });

  it('runs network validation after reading: structural errors come out too', () => {
    const cycle = firstIssue(edited(custom(), (d) => {
      d.couplings.push({ id: 'x->r', from: 'x', to: 'r', directed: true, connectivity: 'dense', weights: { dtype: 'float64', shape: [4, 1], encoding: 'json', data: [0, 0, 0, 0] } });
    }));
    expect(cycle.code).toBe('CYCLE');
    const unknown = firstIssue(edited(custom(), (d) => { d.couplings[0].from = 'zz'; }));
    expect(unknown).toBeInstanceOf(UnknownUnitError);
    const asym = firstIssue(edited(custom(), (d) => { d.couplings[3].connectivity = 'dense'; delete d.couplings[3].mask; d.couplings[3].to = 'v'; d.couplings[3].weights.shape = [3, 3]; d.couplings[3].weights.data = [0, 1, 0, 2, 0, 0, 0, 0, 0]; }));
    expect(asym).toBeInstanceOf(StochnetError);
  });
});
