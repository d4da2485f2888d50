import { afterAll } from 'vitest';
import { createWasmBackend } from '@stochnet/wasm';
import type { WasmBackend } from '@stochnet/wasm';
import { describeBackendConformance } from './backend-suite.js';

let backend: WasmBackend | undefined;
afterAll(() => backend?.dispose());

describeBackendConformance('wasm, 2 threads', async () => {
  backend = await createWasmBackend({ threads: 2 });
  if (backend.threads !== 2) throw new Error(`expected 2 threads, got ${backend.threads}`);
  return backend;
});
