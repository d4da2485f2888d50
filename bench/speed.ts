/**
 * The speed issue's workloads on the js and wasm backends, with the peers'
 * published figures for scale: W1 (CD-1, 784 → 500, batch 100, one epoch on
 * Fashion-MNIST's first 20,000 training images, or a clearly labelled
 * synthetic set of the same shape and density when the Debian package
 * dataset-fashion-mnist is not installed), W2 (CD-1 on the UCI digits,
 * 64 → 100, batch 10, 10 epochs), W3 (one 100×784 · 784×500 GEMM) and
 * block-Gibbs and ancestral sampling. Medians of 3 timed runs; ratios wasm / js; the
 * figures go to bench/results/speed-<time>.json (gitignored). Every
 * workload also runs on `createWasmBackend({ threads: 2 })` (row "wasm-2t",
 * measured right after the one-thread row); W3 also runs on the
 * relaxed-SIMD build in a child process (with Node 20's flag where needed).
 *
 * Run alone: `node --import tsx bench/speed.ts`; `STOCHNET_BENCH_QUICK=1`
 * shrinks every workload for a smoke run.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { jsBackend } from '@stochnet/model';
import type { Backend } from '@stochnet/model';
import { createWasmBackend } from '@stochnet/wasm';
import { ancestralRate, gemmRate, gibbsRate, head, median, trainCd1, w1Data, w2Data } from './speed-cases.js';
import type { TrainFigures } from './speed-cases.js';

const QUICK = process.env['STOCHNET_BENCH_QUICK'] === '1';
const RUNS = 3;
/** Rows of W1 the js backend trains on (it is ~100× slower than the peers; the rate is per sample). */
const W1_JS_ROWS = QUICK ? 200 : 2000;
const W1_ROWS = QUICK ? 1000 : 20_000;

/** The peers' published figures on this machine class (samples/s; GFLOP/s for W3). */
const PEERS = {
  w1: { sklearn: 27_200, numpy: 44_800, tfjsWasm2: 11_500, naiveJs: 500 },
  w2: { sklearn: 177_000, numpy: 265_000, tfjsWasm2: 68_000, naiveJs: 27_500 },
  w3: { openblas2: 175, openblas1: 117, xnnpack: 83, naiveJs: 1.5 },
  recipe: { w1TrainError: 0.0736, w1TestError: 0.0742 },
} as const;

function fmt(x: number, digits = 0): string {
  return x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function line(label: string, value: string, note = ''): void {
  console.log(`   ${label.padEnd(46)} ${value.padStart(16)}  ${note}`);
}

/** Median figures of RUNS training runs (the errors are identical across runs: same seed). */
function trainMedian(runOnce: () => TrainFigures): TrainFigures & { runs: number[] } {
  const all = Array.from({ length: RUNS }, runOnce);
  const rates = all.map((f) => f.samplesPerSecond);
  return { ...all[0]!, samplesPerSecond: median(rates), seconds: median(all.map((f) => f.seconds)), runs: rates };
}

async function w1(backends: readonly Backend[]): Promise<Record<string, unknown>> {
  const { train, test, real } = await w1Data();
  console.log(`\n  W1  CD-1 784 → 500, batch 100, 1 epoch, float32 — data: ${train.label}`);
  const out: Record<string, unknown> = { data: train.label, real };
  const rates: Record<string, number> = {};
  for (const b of backends) {
    const rows = b.name === 'js' ? W1_JS_ROWS : W1_ROWS;
    const data = head(train, rows);
    trainCd1(b, head(train, b.name === 'js' ? 200 : 5000), 500, 100, 1); // warm-up: lets V8 optimise the WebAssembly code
    const f = trainMedian(() => trainCd1(b, data, 500, 100, 1, b.name === 'js' ? null : test));
    rates[b.name] = f.samplesPerSecond;
    const errs = `train MSE ${f.trainError.toFixed(4)}${f.testError === null ? '' : `, test MSE ${f.testError.toFixed(4)}`}`;
    line(`${b.name} (${fmt(rows)} rows)`, `${fmt(f.samplesPerSecond)} samples/s`, errs);
    out[b.name] = { rows, ...f };
  }
  const wasm = rates['wasm']!, js = rates['js']!;
  line('wasm / js', `${fmt(wasm / js, 1)}×`);
  line('wasm-2t / wasm', `${fmt(rates['wasm-2t']! / wasm, 2)}×`);
  line('wasm / numpy (44,800) · / sklearn (27,200)', `${fmt(wasm / PEERS.w1.numpy, 3)}× · ${fmt(wasm / PEERS.w1.sklearn, 3)}×`, 'goal ≥ 1.0× numpy');
  if (real) console.log(`   recipe reconstruction error (peers): train ${PEERS.recipe.w1TrainError}, test ${PEERS.recipe.w1TestError}; stochnet's must match within 1%`);
  return out;
}

function w2(backends: readonly Backend[]): Record<string, unknown> {
  const data = QUICK ? head(w2Data(), 300) : w2Data();
  const epochs = QUICK ? 2 : 10;
  console.log(`\n  W2  CD-1 64 → 100, batch 10, ${epochs} epochs, float32 — data: ${data.label}`);
  const out: Record<string, unknown> = { data: data.label };
  const figs: Record<string, TrainFigures> = {};
  for (const b of backends) {
    for (let w = 0; w < 3; w++) trainCd1(b, data, 100, 10, epochs); // warm-up: V8 tiers WebAssembly up from its baseline compiler as code runs
    const f = trainMedian(() => trainCd1(b, data, 100, 10, epochs));
    figs[b.name] = f;
    line(b.name, `${fmt(f.samplesPerSecond)} samples/s`, `train MSE ${f.trainError.toFixed(5)}`);
    out[b.name] = f;
  }
  const [w, j] = [figs['wasm']!, figs['js']!];
  const agree = Math.abs(w.trainError - j.trainError) / j.trainError;
  line('wasm / js', `${fmt(w.samplesPerSecond / j.samplesPerSecond, 2)}×`, `reconstruction error differs by ${(agree * 100).toFixed(2)}% (wasm draws its own counter-based uniforms)`);
  line('wasm-2t / wasm', `${fmt(figs['wasm-2t']!.samplesPerSecond / w.samplesPerSecond, 2)}×`, 'small products stay on one thread');
  line('wasm / sklearn (177,000)', `${fmt(w.samplesPerSecond / PEERS.w2.sklearn, 3)}×`, 'goal ≥ 2×');
  out['errorRelativeDifference'] = agree;
  return out;
}

function w3(backends: readonly Backend[], relaxedHere: boolean): Record<string, unknown> {
  console.log('\n  W3  GEMM C = A·B, A 100×784, B 784×500 (JS typed arrays in and out, copies included)');
  const out: Record<string, unknown> = {};
  for (const dtype of ['float32', 'float64'] as const) {
    const r: Record<string, { median: number; best: number }> = {};
    for (const b of backends) {
      r[b.name] = gemmRate(b, dtype, QUICK ? 3 : 9);
      line(`${b.name} ${dtype}`, `${fmt(r[b.name]!.median, 2)} GFLOP/s`, `best ${fmt(r[b.name]!.best, 2)}`);
    }
    line(`wasm / js ${dtype}`, `${fmt(r['wasm']!.median / r['js']!.median, 1)}×`);
    out[dtype] = r;
    line(`wasm-2t / wasm ${dtype}`, `${fmt(r['wasm-2t']!.median / r['wasm']!.median, 2)}×`);
    if (dtype === 'float32') line('wasm-2t / OpenBLAS 2 threads (175)', `${fmt(r['wasm-2t']!.median / PEERS.w3.openblas2, 3)}×`, 'goal ≥ 0.5×');
  }
  out['relaxed'] = w3Relaxed(out, relaxedHere);
  return out;
}

/**
 * W3 on the relaxed-SIMD build (fused multiply-adds), measured in a child
 * process started with Node 20's `--experimental-wasm-relaxed-simd`: the
 * figure the runtime gives where relaxed SIMD is on (current browsers,
 * Node 22 and later). Null when the child cannot run it.
 */
function w3Relaxed(plain: Record<string, unknown>, relaxedHere: boolean): Record<string, unknown> | null {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'speed-support', 'relaxed-w3.ts');
  // Node 20 needs the flag; a runtime with relaxed SIMD on by default runs the child without it.
  const flag = relaxedHere ? [] : ['--experimental-wasm-relaxed-simd'];
  const run = spawnSync(process.execPath, [...flag, '--import', 'tsx', script], { encoding: 'utf8', env: process.env, timeout: 300_000 });
  const last = run.stdout?.trim().split('\n').pop() ?? '';
  if (run.status !== 0 || !last.startsWith('{')) {
    line('relaxed SIMD', 'not measured', `the child process failed: ${(run.stderr ?? '').split('\n')[0] ?? ''}`);
    return null;
  }
  const r = JSON.parse(last) as Record<string, unknown> & { relaxed: boolean };
  if (!r.relaxed) {
    line('relaxed SIMD', 'not measured', 'this runtime has no relaxed SIMD even with the flag');
    return null;
  }
  console.log('   relaxed SIMD (fused multiply-adds; child process with --experimental-wasm-relaxed-simd)');
  for (const dtype of ['float32', 'float64'] as const) {
    const fig = r[dtype] as Record<string, { median: number; best: number }>;
    for (const [name, v] of Object.entries(fig)) line(`${name} ${dtype}`, `${fmt(v.median, 2)} GFLOP/s`, `best ${fmt(v.best, 2)}`);
    const base = plain[dtype] as Record<string, { median: number }>;
    line(`wasm-2t-relaxed / wasm-2t ${dtype}`, `${fmt(fig['wasm-2t-relaxed']!.median / base['wasm-2t']!.median, 2)}×`);
    if (dtype === 'float32') line('wasm-2t-relaxed / OpenBLAS 2 threads (175)', `${fmt(fig['wasm-2t-relaxed']!.median / PEERS.w3.openblas2, 3)}×`, 'goal ≥ 0.5× (plain SIMD); reported where the runtime has relaxed SIMD');
  }
  return r;
}

/** One sampling workload on every backend: its rates and the ratios to js (the goal) and between thread counts. */
function samplingRates(title: string, unit: string, backends: readonly Backend[], rate: (b: Backend, runs: number) => number): Record<string, number> {
  console.log(`\n  Sampling  ${title}, float32 (uniforms from the js streams)`);
  const r: Record<string, number> = {};
  for (const b of backends) {
    r[b.name] = rate(b, RUNS);
    line(b.name, `${fmt(r[b.name]!)} ${unit}`);
  }
  line('wasm / js', `${fmt(r['wasm']! / r['js']!, 1)}×`, 'goal ≥ 10×');
  line('wasm-2t / js', `${fmt(r['wasm-2t']! / r['js']!, 1)}×`, 'goal ≥ 10× (two threads: what fastestBackend picks here)');
  line('wasm-2t / wasm', `${fmt(r['wasm-2t']! / r['wasm']!, 2)}×`);
  return r;
}

function sampling(backends: readonly Backend[]): Record<string, unknown> {
  return {
    gibbs: samplingRates('block Gibbs, RBM 784-500, 100 chains', 'sweeps/s', backends, gibbsRate),
    ancestral: samplingRates('ancestral, SBN 784-200-200, 1,000 samples a call', 'samples/s', backends, ancestralRate),
  };
}

/**
 * Runs every workload on js, wasm (one thread) and wasm-2t (two threads),
 * prints the figures and ratios, and writes them to
 * bench/results/speed-<time>.json.
 *
 * @returns the path of the JSON file
 */
export async function run(): Promise<string> {
  const wasm = await createWasmBackend({ threads: 1 });
  const wasm2 = await createWasmBackend({ threads: 2 });
  const backends: readonly Backend[] = [jsBackend, wasm, { ...wasm2, name: 'wasm-2t' }];
  const load = loadavg()[0]!;
  console.log(`  ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), load average ${load.toFixed(2)}; wasm: 1 thread, wasm-2t: ${wasm2.threads} threads`);
  if (QUICK) console.log('  QUICK mode: shrunken workloads, figures not comparable');
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    arch: process.arch,
    cpus: cpus().length,
    loadAverage: load,
    quick: QUICK,
    threads: { wasm: 1, 'wasm-2t': wasm2.threads },
    peers: PEERS,
    w3: w3(backends, (await createWasmBackend({ relaxedSimd: 'auto' })).relaxedSimd),
    w2: w2(backends),
    sampling: sampling(backends),
    w1: await w1(backends),
  };
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `speed-${result.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  wasm2.dispose();
  console.log(`\n  figures written to ${file}`);
  return file;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
