/**
 * The core entry stays browser-safe: no file of src/ outside the node entry
 * imports a `node:` module or touches Node globals. (The compiler enforces
 * the globals too: tsconfig.json compiles the core with `"types": []`.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

const NODE_ONLY = /(^|['"\s])node:|\bprocess\.|\bBuffer\b|\brequire\(|from '@stochnet\/data\/node'/;

/** The code of a file, without comments (doc examples may import the node entry). */
function code(file: string): string {
  return readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

describe('browser-safe core', () => {
  const core = files(src).filter((f) => {
    const rel = relative(src, f);
    return rel.endsWith('.ts') && rel !== 'node.ts' && !rel.startsWith('node/');
  });

  it('finds the core files', () => {
    expect(core.length).toBeGreaterThan(15);
  });

  it('no core file uses node: modules or Node globals', () => {
    const offenders = core.filter((f) => NODE_ONLY.test(code(f)));
    expect(offenders.map((f) => relative(src, f))).toEqual([]);
  });

  it('negative control: the node entry does match the pattern', () => {
    expect(NODE_ONLY.test(code(join(src, 'node', 'files.ts')))).toBe(true);
  });
});
