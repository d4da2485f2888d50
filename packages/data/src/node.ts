/**
 * The Node entry of @stochnet/data: IDX (MNIST, Fashion-MNIST) and CSV
 * files from paths, and pictures (PNG, SVG) written to files atomically.
 * Everything else, browser-safe, is in `@stochnet/data`.
 *
 * @packageDocumentation
 */
export { FASHION_MNIST_DIR, FASHION_MNIST_HINT, readIdxFile, readIdxDataset, readMnist, readCsvFile } from './node/readers.js';
export { writePng, writeSvg } from './node/writers.js';
