import { describe, expect, it } from 'vitest';
import { binaryModuleSource, compileKernels } from '../scripts/build-wasm.js';
import { WASM_BASE64, WASM_RELAXED_BASE64 } from '../src/wasm-binary.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

describe('the embedded kernels binaries', () => {
  it('equal fresh builds of assembly/*.ts, plain and relaxed (rebuild with `pnpm --filter @stochnet/wasm build:wasm`)', async () => {
    const plain = await compileKernels('plain');
    const relaxed = await compileKernels('relaxed');
    for (const [committed, fresh] of [
      [Buffer.from(WASM_BASE64, 'base64'), plain],
      [Buffer.from(WASM_RELAXED_BASE64, 'base64'), relaxed],
    ] as const) {
      expect(committed.length).toBe(fresh.length);
      expect(Buffer.compare(committed, Buffer.from(fresh))).toBe(0);
    }
    // The builds differ (the relaxed one steps with fused multiply-adds).
    expect(Buffer.compare(Buffer.from(plain), Buffer.from(relaxed))).not.toBe(0);
    // The generated module text is exactly what the build script writes.
    const text = readFileSync(fileURLToPath(new URL('../src/wasm-binary.ts', import.meta.url)), 'utf8');
    expect(text).toBe(binaryModuleSource(plain, relaxed));
  });

  it('the plain binary is a valid WebAssembly module importing only its memory', async () => {
    const mod = await WebAssembly.compile(Buffer.from(WASM_BASE64, 'base64'));
    expect(WebAssembly.Module.imports(mod)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
    const names = WebAssembly.Module.exports(mod).map((e) => e.name);
    for (const n of ['gemmF32', 'gemmF64', 'biasSigmoidF32', 'bernoulli32_32_64', 'spmmF64', 'heapBase']) expect(names).toContain(n);
  });

  it('the relaxed binary is a WebAssembly module (its imports and exports are compared where it compiles: relaxed-simd.test.ts)', () => {
    const relaxed = Buffer.from(WASM_RELAXED_BASE64, 'base64');
    expect(relaxed.subarray(0, 8)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  });

  it('a changed source changes the binary (negative control for the comparison)', async () => {
    const committed = Buffer.from(WASM_BASE64, 'base64');
    const tampered = Buffer.from(committed);
    tampered[tampered.length - 1] = tampered[tampered.length - 1]! ^ 1;
    expect(Buffer.compare(committed, tampered)).not.toBe(0);
  });
});
