/**
 * The messages between the page and the training worker. Pictures travel
 * as RGBA bytes whose buffers are transferred, not copied.
 *
 * @module
 */

/** An RGBA picture ready for `new ImageData(rgba, width, height)`. */
export interface Picture {
  /** width × height × 4 bytes, row-major from the top left. */
  readonly rgba: Uint8ClampedArray<ArrayBuffer>;
  /** Pixels per row. */
  readonly width: number;
  /** Rows of pixels. */
  readonly height: number;
}

/** Page → worker: start a new run (ending any run in progress). */
export interface StartRequest {
  readonly type: 'start';
  /** The seed of everything random in the run: split, initial weights, minibatches, chains. */
  readonly seed: string;
}

/** Page → worker: stop the run after the epoch in progress. */
export interface StopRequest {
  readonly type: 'stop';
}

/** What the page sends. */
export type PageMessage = StartRequest | StopRequest;

/** Worker → page: a run has been set up; the training digits it shows. */
export interface StartedReport {
  readonly type: 'started';
  /** The canonical seed of the run. */
  readonly seed: string;
  /** Training and test rows. */
  readonly trainRows: number;
  readonly testRows: number;
  /** The first training digits. */
  readonly data: Picture;
  /** The kernels the run computes on, e.g. "wasm (WebAssembly SIMD, 2 threads)". */
  readonly kernels: string;
}

/** Worker → page: one epoch is done. */
export interface EpochReport {
  readonly type: 'epoch';
  /** Epochs done (1 after the first). */
  readonly epoch: number;
  /** Epochs the run lasts unless stopped. */
  readonly epochs: number;
  /** Reconstruction error (mean squared error per pixel) on the training digits. */
  readonly trainError: number;
  /** The same on the test digits. */
  readonly testError: number;
  /** Training rows processed per second in this epoch. */
  readonly samplesPerSecond: number;
  /** The kernels the run computes on (as in the started report). */
  readonly kernels: string;
  /** Each hidden unit's weights as an 8 × 8 tile. */
  readonly filters: Picture;
  /** The persistent chains' visible states (the fantasy particles). */
  readonly particles: Picture;
  /** p(v | h) for each chain's hidden state: the particles' mean-field visible probabilities. */
  readonly probabilities: Picture;
}

/** Worker → page: the run has ended. */
export interface StoppedReport {
  readonly type: 'stopped';
  /** 'stopped' on request, 'finished' after the last epoch. */
  readonly reason: 'stopped' | 'finished';
  /** Epochs done. */
  readonly epoch: number;
}

/** Worker → page: the run failed. */
export interface FailedReport {
  readonly type: 'failed';
  /** The error's code (a StochnetError code, or 'ERROR'). */
  readonly code: string;
  /** What went wrong and what to do. */
  readonly message: string;
}

/** What the worker sends. */
export type WorkerMessage = StartedReport | EpochReport | StoppedReport | FailedReport;
