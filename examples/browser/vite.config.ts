import { defineConfig } from 'vite';

// Relative asset paths, so dist/ works from any folder of any static server.
// No warnings about slow plugins: on a busy machine they say nothing about the page.
export default defineConfig({
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, rolldownOptions: { checks: { bundlerTimings: false } } },
});
