/**
 * Network-building benchmark: builds the MNIST-sized DBN preset
 * `dbn([784, 500, 500, 2000])` with a seed and reports the build time
 * (median of several builds) and the memory the network holds against the
 * bytes of its parameters, as a ratio (1.0 = nothing but the typed arrays).
 * Also times saving it with `toJSON` and loading it with `fromJSON`.
 *
 * Run alone with `node --expose-gc --import tsx bench/graph-build.ts`
 * (without --expose-gc the memory figures include uncollected garbage).
 */
import { pathToFileURL } from 'node:url';
import { dbn, fromJSON, graphView, toJSON } from '@stochnet/graph';
import type { Network } from '@stochnet/graph';

const SIZES = [784, 500, 500, 2000];
const RUNS = 5;

/** The figures the benchmark measures. */
export interface GraphBuildFigures {
  /** Median build time in milliseconds. */
  buildMs: number;
  /** Bytes of every bias and coupling parameter array. */
  parameterBytes: number;
  /** Growth of heap plus array-buffer memory while one built network is held. */
  heldBytes: number;
  /** heldBytes / parameterBytes. */
  ratio: number;
  /** Whether `global.gc` was available (node --expose-gc), making the memory figures exact. */
  gcExposed: boolean;
  /** Median toJSON and fromJSON times in milliseconds, and the JSON length in characters. */
  saveMs: number;
  loadMs: number;
  jsonChars: number;
}

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) {
    gc();
    gc();
  }
}

function used(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function median(fn: () => void, runs: number): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)]!;
}

function parameterBytes(net: Network): number {
  let bytes = 0;
  for (const b of net.biases.values()) bytes += b.byteLength;
  for (const p of net.couplings.values()) {
    bytes += p.weights.byteLength + (p.mask?.byteLength ?? 0) + (p.rows?.byteLength ?? 0) + (p.cols?.byteLength ?? 0);
  }
  return bytes;
}

/**
 * Runs the benchmark and prints its figures.
 *
 * @returns the measured figures, for callers that record them
 */
export async function run(): Promise<GraphBuildFigures> {
  const build = (): Network => dbn(SIZES, { seed: 'bench/graph-build' });
  build(); // warm-up
  const buildMs = median(build, RUNS);

  collect();
  const before = used();
  const held = build();
  graphView(held);
  collect();
  const heldBytes = used() - before;
  const params = parameterBytes(held);

  let text = '';
  const saveMs = median(() => {
    text = toJSON(held);
  }, RUNS);
  const loadMs = median(() => {
    fromJSON(text);
  }, RUNS);

  const gcExposed = typeof (globalThis as { gc?: unknown }).gc === 'function';
  const figures: GraphBuildFigures = {
    buildMs,
    parameterBytes: params,
    heldBytes,
    ratio: heldBytes / params,
    gcExposed,
    saveMs,
    loadMs,
    jsonChars: text.length,
  };
  const mb = (b: number): string => (b / 2 ** 20).toFixed(1);
  console.log(`dbn([${SIZES.join(', ')}]): build ${buildMs.toFixed(1)} ms (median of ${RUNS})`);
  console.log(
    `  memory held ${mb(heldBytes)} MiB for ${mb(params)} MiB of parameters: ratio ${figures.ratio.toFixed(3)}` +
      (gcExposed ? '' : ' (run with node --expose-gc for exact figures)'),
  );
  console.log(`  toJSON ${saveMs.toFixed(1)} ms, fromJSON ${loadMs.toFixed(1)} ms, ${mb(text.length)} MiB of JSON`);
  return figures;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
