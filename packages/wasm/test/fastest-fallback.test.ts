/**
 * fastestBackend where WebAssembly cannot compile the kernels (a runtime
 * without SIMD, or WebAssembly blocked): it returns the js backend and
 * says why. This file stubs WebAssembly.compile before the kernels are
 * first compiled (vitest gives every test file fresh modules).
 */
import { afterAll, expect, it, vi } from 'vitest';
import { jsBackend } from '@stochnet/model';
import { createWasmBackend, fastestBackend } from '@stochnet/wasm';

const spy = vi.spyOn(WebAssembly, 'compile').mockRejectedValue(new WebAssembly.CompileError('SIMD unsupported (simulated)'));
afterAll(() => spy.mockRestore());

it('falls back to the js backend and names the reason', async () => {
  await expect(createWasmBackend()).rejects.toThrow(WebAssembly.CompileError);
  const choice = await fastestBackend();
  expect(choice.backend).toBe(jsBackend);
  expect(choice.description.startsWith('js (')).toBe(true);
  expect(choice.description).toContain('SIMD unsupported (simulated)');
});
