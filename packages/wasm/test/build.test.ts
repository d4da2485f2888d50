import { describe, expect, it } from 'vitest';
import { binaryModuleSource, compileKernels } from '../scripts/build-wasm.js';
import { WASM_BASE64 } from '../src/wasm-binary.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

describe('the embedded kernels binary', () => {
  it('equals a fresh build of assembly/*.ts (rebuild with `pnpm --filter @stochnet/wasm build:wasm`)', async () => {
    const fresh = await compileKernels();
    const committed = Buffer.from(WASM_BASE64, 'base64');
    expect(committed.length).toBe(fresh.length);
    expect(Buffer.compare(committed, Buffer.from(fresh))).toBe(0);
    // The generated module text is exactly what the build script writes.
    const text = readFileSync(fileURLToPath(new URL('../src/wasm-binary.ts', import.meta.url)), 'utf8');
    expect(text).toBe(binaryModuleSource(fresh));
  });

  it('is a valid WebAssembly module importing only its memory', async () => {
    const mod = await WebAssembly.compile(Buffer.from(WASM_BASE64, 'base64'));
    expect(WebAssembly.Module.imports(mod)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
    const names = WebAssembly.Module.exports(mod).map((e) => e.name);
    for (const n of ['gemmF32', 'gemmF64', 'biasSigmoidF32', 'bernoulli32_32_64', 'spmmF64', 'heapBase']) expect(names).toContain(n);
  });

  it('a changed source changes the binary (negative control for the comparison)', async () => {
    const committed = Buffer.from(WASM_BASE64, 'base64');
    const tampered = Buffer.from(committed);
    tampered[tampered.length - 1] = tampered[tampered.length - 1]! ^ 1;
    expect(Buffer.compare(committed, tampered)).not.toBe(0);
  });
});
