import { defineConfig } from 'vite';

// Relative asset paths, so dist/ works from any folder of any static server.
export default defineConfig({
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true },
});
