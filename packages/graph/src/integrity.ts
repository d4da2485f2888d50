/**
 * The integrity hash of a saved network: SHA-256 of a canonical binary
 * encoding of its structure and every parameter, independent of JSON
 * whitespace, key order and number formatting.
 *
 * @module
 */
import { compareIds } from './compare-ids.js';
import { arrayBytes, type ArrayDtype, type SavedArray } from './json-arrays.js';
import { createSha256, type Sha256 } from './sha256.js';
import type { CouplingId, CouplingParams, GroupId, Structure } from './types.js';

const CHUNK = 8192;

function feedText(hash: Sha256, text: string): void {
  hash.update(new TextEncoder().encode(text));
}

function feedArray(hash: Sha256, name: string, values: SavedArray | undefined, dtype: ArrayDtype): void {
  if (values === undefined) {
    feedText(hash, `\n${name} none\n`);
    return;
  }
  feedText(hash, `\n${name} ${dtype} ${values.length}\n`);
  for (let start = 0; start < values.length; start += CHUNK) {
    hash.update(arrayBytes(values, dtype, start, Math.min(values.length, start + CHUNK)));
  }
}

/**
 * The canonical integrity hash of a network's parts, as 64 hex digits.
 *
 * @remarks
 * Hashes, in order: the JSON text of the structure with groups and couplings
 * sorted by id and fixed key order; then each group's bias (groups by id) and
 * each coupling's weights, mask, rows and cols (couplings by id), each
 * preceded by a header line naming it, its dtype and length, as
 * little-endian bytes with -0 written as +0.
 */
export function integrityHash(
  structure: Structure,
  biases: ReadonlyMap<GroupId, Float64Array>,
  couplings: ReadonlyMap<CouplingId, CouplingParams>,
): string {
  const groups = [...structure.groups].sort((a, b) => compareIds(a.id, b.id));
  const links = [...structure.couplings].sort((a, b) => compareIds(a.id, b.id));
  const hash = createSha256();
  feedText(
    hash,
    JSON.stringify({
      groups: groups.map((g) => [g.id, g.size, g.kind, g.role, g.shape ?? null]),
      couplings: links.map((c) => [c.id, c.from, c.to, c.directed, c.connectivity]),
    }),
  );
  for (const g of groups) feedArray(hash, `bias ${JSON.stringify(g.id)}`, biases.get(g.id), 'float64');
  for (const c of links) {
    const p = couplings.get(c.id);
    const name = `coupling ${JSON.stringify(c.id)}`;
    feedArray(hash, `${name} weights`, p?.weights, 'float64');
    feedArray(hash, `${name} mask`, p?.mask, 'uint8');
    feedArray(hash, `${name} rows`, p?.rows, 'int32');
    feedArray(hash, `${name} cols`, p?.cols, 'int32');
  }
  return hash.digestHex();
}
