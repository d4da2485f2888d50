/**
 * The helper worker's program, as source text: a worker is started from
 * this string (Node: `new Worker(source, { eval: true })`; browsers: a Blob
 * URL), so no worker file has to be found, bundled or transpiled.
 *
 * The worker receives the kernels module, the shared memory, the control
 * block and its index; instantiates the module over the memory (the
 * module's only data segment is a constant table, rewritten with the same
 * bytes); answers `ready`; then waits on its slot of the control block for
 * jobs: a function index and its numeric arguments. It runs each job and
 * publishes the job's sequence number in its `done` word. A negative
 * sequence number ends the loop.
 *
 * @module
 */

/** Int32 words per worker slot in the control block (256 bytes, so slots never share a cache line). @internal */
export const SLOT_WORDS = 64;
/** Word offsets within a slot. @internal */
export const SEQ = 0, DONE = 1, FN = 2, ARGC = 3, FAILED = 4;
/** Float64 offset of the arguments within a slot, and how many fit. @internal */
export const ARGS = 4, MAX_ARGS = 24;

/** @internal */
export const WORKER_SOURCE = `
'use strict';
const start = async (init, reply) => {
  const { module, memory, control, index, names } = init;
  let exports;
  try {
    exports = (await WebAssembly.instantiate(module, { env: { memory } })).exports;
  } catch (error) {
    reply({ type: 'error', message: String(error) });
    return;
  }
  const fns = names.map((name) => exports[name]);
  const i32 = new Int32Array(control), f64 = new Float64Array(control);
  const base = index * ${SLOT_WORDS}, args = (base >> 1) + ${ARGS};
  reply({ type: 'ready' });
  let seen = 0;
  for (;;) {
    Atomics.wait(i32, base + ${SEQ}, seen);
    const seq = Atomics.load(i32, base + ${SEQ});
    if (seq === seen) continue;
    if (seq < 0) return;
    seen = seq;
    const argc = i32[base + ${ARGC}];
    const list = [];
    for (let i = 0; i < argc; i++) list.push(f64[args + i]);
    try {
      fns[i32[base + ${FN}]](...list);
      i32[base + ${FAILED}] = 0;
    } catch (error) {
      i32[base + ${FAILED}] = 1;
    }
    Atomics.store(i32, base + ${DONE}, seq);
    Atomics.notify(i32, base + ${DONE});
  }
};
if (typeof require === 'function') {
  const { parentPort } = require('node:worker_threads');
  parentPort.once('message', (init) => start(init, (message) => parentPort.postMessage(message)));
} else {
  self.onmessage = (event) => {
    self.onmessage = null;
    start(event.data, (message) => self.postMessage(message));
  };
}
`;
