/**
 * The helper threads of a backend: workers (worker_threads in Node, Web
 * Workers in browsers, detected at run time) that instantiate the kernels
 * over the backend's shared memory and run jobs the calling thread hands
 * them through a control block, synchronised with Atomics. The calling
 * thread runs the first job itself, then waits for the others (with
 * `Atomics.wait` where the thread may block, by polling where it may not,
 * as on a browser's main thread).
 *
 * @module
 */
import { InvariantError } from '@stochnet/graph';
import { ARGC, ARGS, DONE, FAILED, FN, MAX_ARGS, SEQ, SLOT_WORDS, WORKER_SOURCE } from './worker-source.js';

/** One call of a kernels export with its numeric arguments. @internal */
export interface Job {
  readonly fn: string;
  readonly args: readonly number[];
}

/** The minimal worker surface both environments provide. */
interface AnyWorker {
  postMessage(message: unknown): void;
  terminate(): unknown;
}

/** The part of Node's worker_threads used here (the package is built without Node's types). */
interface NodeWorker extends AnyWorker {
  on(event: 'message' | 'error' | 'exit', listener: (value: never) => void): void;
  unref(): void;
}
interface NodeWorkers {
  Worker: new (source: string, options: { eval: true }) => NodeWorker;
}

/** How long a worker may take to start before the backend gives up on threads. */
const START_TIMEOUT_MS = 20_000;

/** The specifier is held in a variable so browser bundlers leave the import alone. */
const NODE_WORKERS = 'node:worker_threads';

/** Whether this is Node (worker_threads) rather than a browser (Web Workers). @internal */
export function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

/** Whether this thread may block in Atomics.wait (a browser's main thread may not). */
function canBlock(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts one worker and resolves once it has instantiated the kernels. */
async function startWorker(init: Record<string, unknown>): Promise<AnyWorker> {
  if (isNode()) {
    const { Worker } = (await import(/* @vite-ignore */ NODE_WORKERS)) as NodeWorkers;
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    return await handshake(worker, init, (on) => {
      worker.on('message', (m: { type: string; message?: string }) => on(m.type === 'ready' ? null : new Error(m.message)));
      worker.on('error', (e: Error) => on(e));
      worker.on('exit', () => on(new Error('worker exited')));
    }, () => worker.unref());
  }
  const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  try {
    const worker = new Worker(url);
    return await handshake(worker, init, (on) => {
      worker.onmessage = (e: MessageEvent<{ type: string; message?: string }>) => on(e.data.type === 'ready' ? null : new Error(e.data.message));
      worker.onerror = (e) => on(new Error(e.message));
    }, () => undefined);
  } finally {
    URL.revokeObjectURL(url);
  }
}

function handshake<W extends AnyWorker>(worker: W, init: Record<string, unknown>, listen: (on: (e: Error | null) => void) => void, detach: () => void): Promise<W> {
  return new Promise<W>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => on(new Error('worker did not start in time')), START_TIMEOUT_MS);
    function on(error: Error | null): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error === null) {
        detach();
        resolve(worker);
      } else {
        void worker.terminate();
        reject(error);
      }
    }
    listen(on);
    worker.postMessage(init);
  });
}

/**
 * A backend's helper workers and their control block.
 *
 * @internal
 */
export class Pool {
  /** Threads including the calling one. */
  readonly size: number;
  private readonly workers: AnyWorker[];
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private readonly index: ReadonlyMap<string, number>;
  private readonly run0: (job: Job) => void;
  private readonly block: boolean;
  private seq = 0;

  private constructor(workers: AnyWorker[], control: SharedArrayBuffer, names: readonly string[], run0: (job: Job) => void) {
    this.size = workers.length + 1;
    this.workers = workers;
    this.i32 = new Int32Array(control);
    this.f64 = new Float64Array(control);
    this.index = new Map(names.map((n, i) => [n, i]));
    this.run0 = run0;
    this.block = canBlock();
  }

  /**
   * Starts `threads − 1` workers over `memory`; rejects when any fails to start.
   *
   * @param run0 - runs a job on the calling thread's instance
   */
  static async start(threads: number, module: WebAssembly.Module, memory: WebAssembly.Memory, run0: (job: Job) => void): Promise<Pool> {
    const control = new SharedArrayBuffer(threads * SLOT_WORDS * 4);
    const names = WebAssembly.Module.exports(module).filter((e) => e.kind === 'function').map((e) => e.name);
    const settled = await Promise.allSettled(
      Array.from({ length: threads - 1 }, (_, i) => startWorker({ module, memory, control, index: i + 1, names })),
    );
    const workers = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed !== undefined) {
      for (const w of workers) void w.terminate();
      throw (failed as PromiseRejectedResult).reason;
    }
    return new Pool(workers, control, names, run0);
  }

  /** Runs jobs[0] here and jobs[1 …] on the workers, returning when all are done. */
  run(jobs: readonly Job[]): void {
    if (jobs.length > this.size) throw new InvariantError(`pool: ${jobs.length} jobs for ${this.size} threads`, { jobs: jobs.length });
    const seq = (this.seq = (this.seq % 0x3fffffff) + 1);
    const { i32, f64 } = this;
    for (let w = 1; w < jobs.length; w++) {
      const job = jobs[w]!, base = w * SLOT_WORDS;
      if (job.args.length > MAX_ARGS) throw new InvariantError(`pool: ${job.fn} takes too many arguments`, { fn: job.fn });
      i32[base + FN] = this.index.get(job.fn) ?? -1;
      i32[base + ARGC] = job.args.length;
      f64.set(job.args, (base >> 1) + ARGS);
      Atomics.store(i32, base + SEQ, seq);
      Atomics.notify(i32, base + SEQ);
    }
    this.run0(jobs[0]!);
    let failed = false;
    for (let w = 1; w < jobs.length; w++) {
      const at = w * SLOT_WORDS + DONE;
      for (let done = Atomics.load(i32, at); done !== seq; done = Atomics.load(i32, at)) {
        if (this.block) Atomics.wait(i32, at, done);
      }
      failed ||= i32[w * SLOT_WORDS + FAILED] !== 0;
    }
    if (failed) throw new InvariantError('pool: a kernel failed in a helper thread', { jobs: jobs.map((j) => j.fn) });
  }

  /** Ends the workers. The pool must not be used after. */
  dispose(): void {
    for (let w = 1; w < this.size; w++) {
      Atomics.store(this.i32, w * SLOT_WORDS + SEQ, -1);
      Atomics.notify(this.i32, w * SLOT_WORDS + SEQ);
    }
    for (const w of this.workers) void w.terminate();
    this.workers.length = 0;
  }
}
