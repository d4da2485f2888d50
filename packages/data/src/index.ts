/**
 * Data for stochnet, browser-safe: the UCI handwritten digits shipped inside
 * the package, synthetic sets with exactly known distributions
 * (bars-and-stripes, prototype mixtures), IDX (MNIST format) and CSV readers
 * working on bytes and text, binarisation, seeded splits and minibatches,
 * and pictures — image grids and filters as RGBA buffers, PNG encoding,
 * learning curves as SVG. Reading and writing files lives in
 * `@stochnet/data/node`.
 *
 * The digits are the test set of the UCI "Optical Recognition of
 * Handwritten Digits" data set (E. Alpaydin, C. Kaynak, 1998), licensed
 * CC BY 4.0, in the copy scikit-learn distributes.
 *
 * @packageDocumentation
 */
export { DataFormatError, DataFileError } from './errors.js';
export { selectRows } from './dataset.js';
export type { Dataset, PixelArray } from './dataset.js';
export { loadDigits, digitsSplit, DIGITS_MAX, DIGITS_THRESHOLD, DIGITS_TEST_ROWS } from './digits.js';
export type { Digits, DigitsSplit, LoadDigitsOptions } from './digits.js';
export { shuffledIndices, shuffledIndicesInto, MAX_ROWS } from './shuffle.js';
export { splitIndices, splitDataset } from './split.js';
export type { SplitOptions, IndexSplit, DatasetSplit } from './split.js';
export { binarize, binarizeInto, sampleBinary, sampleBinaryInto } from './binarize.js';
export type { BinarizeOptions, SampleBinaryOptions } from './binarize.js';
export { minibatches } from './minibatch.js';
export type { MinibatchOptions, Batch, Minibatches } from './minibatch.js';
export type { BinarySource, ExactDistribution } from './synthetic/distribution.js';
export { barsAndStripes, MAX_BARS_AND_STRIPES_SIDE } from './synthetic/bars-and-stripes.js';
export type { BarsAndStripes } from './synthetic/bars-and-stripes.js';
export { prototypeMixture, MAX_TABLE_UNITS } from './synthetic/prototype-mixture.js';
export type { PrototypeMixture, PrototypeMixtureOptions } from './synthetic/prototype-mixture.js';
export { parseIdx, isGzip, MAX_IDX_ELEMENTS } from './idx.js';
export type { IdxArray, IdxData, IdxDtype, ParseIdxOptions } from './idx.js';
export { idxDataset, parseIdxDataset } from './idx-dataset.js';
export type { IdxDatasetOptions } from './idx-dataset.js';
export { parseCsv } from './csv.js';
export type { ParseCsvOptions, CsvDataset } from './csv.js';
export type { Normalise } from './pictures/normalise.js';
export { imageGrid, DEFAULT_PAD_COLOUR, MAX_PICTURE_PIXELS } from './pictures/image-grid.js';
export type { RgbaImage, ImageGridOptions } from './pictures/image-grid.js';
export { filtersGrid } from './pictures/filters.js';
export type { WeightMatrix, FiltersGridOptions } from './pictures/filters.js';
export { encodePng } from './pictures/png.js';
export { CURVE_COLOURS } from './pictures/curve-layout.js';
export type { CurveSeries, CurveOptions } from './pictures/curve-layout.js';
export { curveSvg } from './pictures/curve-svg.js';
export { curveImage, curvePng } from './pictures/curve-raster.js';
