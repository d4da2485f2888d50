/**
 * The training worker: runs a session epoch by epoch, posts each epoch's
 * metrics and pictures, and between epochs reads the page's messages, so
 * Stop takes effect after the epoch in progress.
 *
 * @module
 */
import { StochnetError } from '@stochnet/graph';
import type { PageMessage, Picture, WorkerMessage } from './protocol.js';
import { fastestBackend } from '@stochnet/wasm';
import { startSession } from './session.js';
import { SETTINGS } from './settings.js';

/** The part of a dedicated worker's global scope used here (the DOM lib types `self` as a Window). */
interface WorkerScope {
  postMessage(message: WorkerMessage, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<PageMessage>) => void): void;
}

/** A run's fate as decided by later messages. */
interface RunControl {
  state: 'running' | 'stopping' | 'superseded';
}

const scope = self as unknown as WorkerScope;
// The fastest kernels here: WebAssembly SIMD (two threads when the page is cross-origin isolated), else js.
const kernels = fastestBackend();
let current: RunControl | null = null;

function isPicture(value: unknown): value is Picture {
  return value !== null && typeof value === 'object' && (value as Partial<Picture>).rgba instanceof Uint8ClampedArray;
}

/** Posts a message, handing over (not copying) the pixel buffers of its pictures. */
function post(message: WorkerMessage): void {
  const transfer: Transferable[] = [];
  for (const value of Object.values(message)) if (isPicture(value)) transfer.push(value.rgba.buffer);
  scope.postMessage(message, transfer);
}

/** Resolves on a later task, after any messages already queued have been handled. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function run(seed: string, control: RunControl): Promise<void> {
  const session = startSession(seed, SETTINGS, () => performance.now(), await kernels);
  post(session.started);
  while (!session.done) {
    await nextTask();
    if (control.state === 'superseded') return;
    if (control.state === 'stopping') {
      post({ type: 'stopped', reason: 'stopped', epoch: session.epochsDone });
      return;
    }
    post(session.epoch());
  }
  post({ type: 'stopped', reason: 'finished', epoch: session.epochsDone });
}

function fail(error: unknown): void {
  const code = error instanceof StochnetError ? error.code : 'ERROR';
  const message = error instanceof Error ? error.message : String(error);
  post({ type: 'failed', code, message });
}

scope.addEventListener('message', (event) => {
  const message = event.data;
  if (message.type === 'stop') {
    if (current !== null && current.state === 'running') current.state = 'stopping';
    return;
  }
  if (current !== null) current.state = 'superseded';
  const control: RunControl = { state: 'running' };
  current = control;
  run(message.seed, control)
    .catch(fail)
    .finally(() => {
      if (current === control) current = null;
    });
});
