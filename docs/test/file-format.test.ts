/** Twin of docs/file-format.md: its code blocks run, and its JSON example is what toJSON writes. */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IntegrityError, VersionError, fromJSON, network, parseNetwork, rbm, toJSON } from '@stochnet/graph';

let log: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => log.mockRestore());
const printed = (): unknown[][] => log.mock.calls as unknown[][];

const guide = readFileSync(new URL('../file-format.md', import.meta.url), 'utf8');
const jsonBlocks = [...guide.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('file format', () => {
  it('a saved network, as printed in the guide', () => {
    const net = network()
      .unit('rain', { bias: -1 })
      .unit('wet', { bias: -3, role: 'visible' })
      .edge('rain', 'wet', 4)
      .build();
    const text = toJSON(net);
    console.log(JSON.stringify(JSON.parse(text), null, 2));

    expect(JSON.parse(printed()[0]![0] as string)).toEqual(JSON.parse(jsonBlocks[0]!));
    expect(toJSON(fromJSON(text))).toBe(text);
  });

  it('large arrays are base64 of little-endian bytes', () => {
    const big = rbm(8, 9, { seed: 1 }); // 72 weights: more than the inline limit of 64
    const doc = JSON.parse(toJSON(big));
    const w = doc.couplings[0].weights;
    console.log(w.dtype, w.shape, w.encoding); // float64 [ 8, 9 ] base64
    const bytes = Buffer.from(w.data, 'base64');
    const first = bytes.readDoubleLE(0); // W[0][0]: v_0 to h_0
    console.log(first === big.couplings.get(big.structure.couplings[0]!.id)!.weights[0]); // true

    expect(printed()).toEqual([['float64', [8, 9], 'base64'], [true]]);
    expect(JSON.parse(jsonBlocks[1]!)).toEqual({ ...w, data: JSON.parse(jsonBlocks[1]!).data });
  });

  it('integrity and versions', () => {
    const net = rbm(3, 2, { seed: 1 });
    const signed = toJSON(net, { integrity: true });
    const tampered = signed.replace('"values":{"dtype":"float64","shape":[3],"encoding":"json","data":[0,', '"values":{"dtype":"float64","shape":[3],"encoding":"json","data":[1,');
    const damaged = parseNetwork(tampered);
    if (damaged._tag === 'Left') console.log(damaged.left[0] instanceof IntegrityError, damaged.left[0]!.code); // true INTEGRITY
    const future = parseNetwork(signed.replace('"formatVersion":1', '"formatVersion":2'));
    if (future._tag === 'Left') console.log(future.left[0] instanceof VersionError, future.left[0]!.details); // true { path: '$.formatVersion', expected: 1, received: 2 }

    expect(tampered).not.toBe(signed);
    expect(printed()).toEqual([
      [true, 'INTEGRITY'],
      [true, { path: '$.formatVersion', expected: 1, received: 2 }],
    ]);
  });
});
