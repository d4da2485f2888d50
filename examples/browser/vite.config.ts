import { defineConfig } from 'vite';

// Relative asset paths, so dist/ works from any folder of any static server.
// No warnings about slow plugins: on a busy machine they say nothing about the page.
// Cross-origin isolation (COOP + COEP) gives the page SharedArrayBuffer, so the wasm backend can run two threads.
const isolated = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  base: './',
  server: { headers: isolated },
  preview: { headers: isolated },
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, rolldownOptions: { checks: { bundlerTimings: false } } },
});
