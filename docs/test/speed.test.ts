/** Twin of docs/speed.md: every code block of the guide, run. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rbm } from '@stochnet/graph';
import { compile } from '@stochnet/model';
import { fastestBackend } from '@stochnet/wasm';

let log: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => log.mockRestore());

describe('speed', () => {
  it('picking a backend', async () => {
    const { backend, description } = await fastestBackend();
    console.log(description); // wasm (WebAssembly SIMD, 2 threads) on a two-core machine with Node 20
    const plan = compile(rbm(784, 500, { seed: 1 }), { backend });

    expect(log.mock.calls[0]![0]).toMatch(/^wasm \(WebAssembly (relaxed )?SIMD, [12] threads?\)$/);
    expect(plan.backend).toBe(backend);
  });
});
