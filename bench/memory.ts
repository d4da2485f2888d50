/**
 * Peak memory of a 784-500-500-2000 DBN training run (one epoch per layer,
 * 2,000 synthetic binary rows, batch 100, float32, on `fastestBackend()`):
 * a fresh Node process trains and reports its peak resident set, and the
 * runtime's own footprint measured before training starts (Node, the
 * modules, the backend). The figure printed is how many times the
 * parameter and batch-buffer bytes the training added on top of that
 * footprint and of the training data it holds.
 *
 * Run alone: `node --import tsx bench/memory.ts`.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

interface MemoryFigures {
  readonly backend: string;
  readonly rows: number;
  readonly seconds: number;
  readonly baselineRss: number;
  readonly peakRss: number;
  readonly parameterBytes: number;
  readonly batchBytes: number;
  readonly dataBytes: number;
}

const MiB = 1024 * 1024;
const mib = (b: number): string => `${(b / MiB).toFixed(1)} MiB`;

/**
 * Runs the DBN training in a child process and prints its memory figures.
 *
 * @returns the figures
 */
export function run(): MemoryFigures {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(here, 'memory-support', 'dbn-train.ts'), '2000'], { encoding: 'utf8' });
  const f = JSON.parse(out.trim().split('\n').at(-1)!) as MemoryFigures;
  const own = f.parameterBytes + f.batchBytes;
  const added = f.peakRss - f.baselineRss - f.dataBytes;
  console.log(`  DBN 784-500-500-2000, ${f.rows} rows, batch 100, 1 epoch per layer, float32, on ${f.backend}: ${f.seconds.toFixed(1)} s`);
  console.log(`   runtime footprint before training (Node, modules, backend)   ${mib(f.baselineRss)}`);
  console.log(`   parameters ${mib(f.parameterBytes)} + largest batch buffers ${mib(f.batchBytes)} = ${mib(own)}; training data held ${mib(f.dataBytes)}`);
  console.log(`   peak RSS ${mib(f.peakRss)}: ${mib(added)} above footprint and data = ${(added / own).toFixed(2)}× parameters + batch buffers (goal < 2×)`);
  return f;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) run();
