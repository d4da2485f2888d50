/**
 * The fixed settings of the page's training run: one small RBM on the
 * binarised digits, trained with PCD.
 *
 * @module
 */

/** Hyperparameters and picture layout of a run. */
export interface RunSettings {
  /** Hidden units of the RBM (the visible layer is the 8 × 8 digit). */
  readonly hidden: number;
  /** Gibbs steps per update of the persistent chains. */
  readonly k: number;
  /** Rows per minibatch. */
  readonly batchSize: number;
  /** SGD step size. */
  readonly learningRate: number;
  /** Persistent (fantasy) chains; every one is drawn. */
  readonly chains: number;
  /** Epochs after which the run ends by itself. */
  readonly epochs: number;
  /** Tiles per row in every picture. */
  readonly tilesPerRow: number;
  /** Screen pixels per digit pixel. */
  readonly scale: number;
}

/** The settings the page uses. */
export const SETTINGS: RunSettings = {
  hidden: 64,
  k: 1,
  batchSize: 20,
  learningRate: 0.02,
  chains: 64,
  epochs: 200,
  tilesPerRow: 8,
  scale: 4,
};

/** The seed a fresh page offers. */
export const DEFAULT_SEED = '2024';
