/**
 * The runner behind `pnpm bench`: imports every module in bench/ (this one
 * excepted) that exports `run`, and awaits each in file-name order, printing
 * a header and the elapsed time per benchmark. `quality.ts` has its own
 * script, `pnpm bench:quality`. Speed is measured here, never
 * asserted in tests.
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const self = basename(fileURLToPath(import.meta.url));
// Long benchmarks with scripts of their own (`pnpm bench:quality` takes about ten minutes).
const SEPARATE = new Set(['quality.ts']);

interface BenchModule {
  run?: unknown;
}

async function main(): Promise<void> {
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== self && !SEPARATE.has(f))
    .sort();
  console.log(`stochnet benchmarks (node ${process.version}, ${process.arch})`);
  let ran = 0;
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as BenchModule;
    if (typeof mod.run !== 'function') continue;
    console.log(`\n== ${file.replace(/\.ts$/, '')} ==`);
    const t0 = process.hrtime.bigint();
    await (mod.run as () => unknown)();
    console.log(`   (${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s)`);
    ran++;
  }
  console.log(`\n${ran} benchmark${ran === 1 ? '' : 's'} run`);
}

await main();
