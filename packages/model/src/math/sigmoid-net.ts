/**
 * Feed-forward sigmoid networks for discriminative fine-tuning (of an
 * unrolled DBN, say): the value type, its checked constructor, its gradient
 * shape, and adding an output layer.
 *
 * @module
 */
import { ConfigError, NonFiniteError, ShapeError, ValidationError } from '@stochnet/graph';
import type { Rng } from '@stochnet/graph';
import type { Backend } from '../backend.js';
import { jsBackend } from '../kernels/js/index.js';

/** How the last layer's pre-activations z become predictions and a loss. */
export type OutputKind = 'logistic' | 'softmax';

/** One fully connected layer: a = x·W + b, row-major. */
export interface SigmoidLayer {
  /** Number of inputs (rows of `weights`). */
  readonly inputs: number;
  /** Number of outputs (columns of `weights`, length of `bias`). */
  readonly outputs: number;
  /** inputs×outputs row-major: `weights[i·outputs + j]` joins input i to output j. */
  readonly weights: Float64Array;
  /** One bias per output. */
  readonly bias: Float64Array;
}

/**
 * A feed-forward net: every layer but the last applies the logistic σ; the
 * last layer's pre-activations z are read by the output kind (independent
 * logistic units, or a softmax over classes). Parameters are mutable float64
 * arrays that a trainer updates in place.
 */
export interface SigmoidNet {
  /** The layers, input first; each layer's inputs equal the previous layer's outputs. */
  readonly layers: readonly SigmoidLayer[];
  /** The output kind of the last layer. */
  readonly output: OutputKind;
  /** The kernels the net runs on. */
  readonly backend: Backend;
}

/** The gradient with respect to one layer's parameters. */
export interface SigmoidLayerGradient {
  /** Shaped like the layer's weights (inputs×outputs row-major). */
  readonly weights: Float64Array;
  /** Shaped like the layer's bias. */
  readonly bias: Float64Array;
}

/** The gradient of a scalar with respect to every parameter of a {@link SigmoidNet}, layer by layer. */
export interface SigmoidNetGradient {
  /** One entry per layer, input first. */
  readonly layers: readonly SigmoidLayerGradient[];
}

function fail(fn: string, message: string, details: Record<string, unknown>): never {
  throw new ShapeError(`${fn}: ${message}`, { function: fn, ...details });
}

function checkFiniteArray(fn: string, argument: string, values: Float64Array, layer: number): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) {
      throw new NonFiniteError(`${fn}: layer ${layer} ${argument}[${i}] is ${values[i]}; parameters must be finite`, {
        function: fn,
        layer,
        argument,
        index: i,
        received: values[i],
      });
    }
  }
}

function checkOutputKind(fn: string, output: unknown): asserts output is OutputKind {
  if (output !== 'logistic' && output !== 'softmax') {
    throw new ConfigError(`${fn}: output must be 'logistic' or 'softmax', got ${String(output)}`, {
      function: fn,
      option: 'output',
      expected: ['logistic', 'softmax'],
      received: String(output),
    });
  }
}

/**
 * Throws unless `layers` chain (each inputs = previous outputs), every shape
 * matches, every parameter is finite and a softmax has at least 2 classes.
 *
 * @internal
 */
function checkSigmoidLayers(fn: string, layers: readonly SigmoidLayer[], output: OutputKind): void {
  if (!Array.isArray(layers) || layers.length === 0) fail(fn, 'a net needs at least one layer', { argument: 'layers', received: Array.isArray(layers) ? 0 : typeof layers });
  layers.forEach((l, k) => {
    if (typeof l !== 'object' || l === null) fail(fn, `layer ${k} is not an object`, { layer: k });
    for (const dim of ['inputs', 'outputs'] as const) {
      const v = l[dim];
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) fail(fn, `layer ${k} ${dim} must be a positive integer, got ${String(v)}`, { layer: k, argument: dim, received: v });
    }
    if (!(l.weights instanceof Float64Array) || l.weights.length !== l.inputs * l.outputs) {
      fail(fn, `layer ${k} weights must be a Float64Array of inputs·outputs = ${l.inputs * l.outputs} entries`, {
        layer: k,
        argument: 'weights',
        expected: l.inputs * l.outputs,
        received: l.weights instanceof Float64Array ? l.weights.length : typeof l.weights,
      });
    }
    if (!(l.bias instanceof Float64Array) || l.bias.length !== l.outputs) {
      fail(fn, `layer ${k} bias must be a Float64Array of ${l.outputs} entries`, {
        layer: k,
        argument: 'bias',
        expected: l.outputs,
        received: l.bias instanceof Float64Array ? l.bias.length : typeof l.bias,
      });
    }
    if (k > 0 && l.inputs !== layers[k - 1]!.outputs) {
      fail(fn, `layer ${k} has ${l.inputs} inputs but layer ${k - 1} has ${layers[k - 1]!.outputs} outputs`, { layer: k, expected: layers[k - 1]!.outputs, received: l.inputs });
    }
    checkFiniteArray(fn, 'weights', l.weights, k);
    checkFiniteArray(fn, 'bias', l.bias, k);
  });
  if (output === 'softmax' && layers[layers.length - 1]!.outputs < 2) {
    fail(fn, 'a softmax output needs at least 2 classes', { argument: 'output', expected: '≥ 2 outputs', received: layers[layers.length - 1]!.outputs });
  }
}

/**
 * Throws unless `net` is a {@link SigmoidNet}: an object with a known output
 * kind, a backend and well-formed, finite layers (see checkSigmoidLayers).
 *
 * @internal
 */
export function checkSigmoidNet(fn: string, net: unknown): asserts net is SigmoidNet {
  const n = net as Partial<SigmoidNet> | null;
  if (n === null || typeof n !== 'object' || typeof n.backend !== 'object' || n.backend === null || typeof n.backend.gemm !== 'function') {
    throw new ValidationError(`${fn}: net must be a SigmoidNet (from createSigmoidNet or unrollDbn)`, { function: fn, argument: 'net' });
  }
  checkOutputKind(fn, n.output);
  checkSigmoidLayers(fn, n.layers as readonly SigmoidLayer[], n.output);
}

/** An options argument as an object: `undefined` becomes `{}`; anything but an object is a ConfigError. */
function optionsOf<T extends object>(fn: string, options: T | undefined): T {
  if (options === undefined) return {} as T;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ConfigError(`${fn}: options must be an object`, { function: fn, option: 'options' });
  }
  return options;
}

/**
 * Builds a {@link SigmoidNet} from layer parameters, checking shapes and
 * finiteness and copying every array (the net never aliases the caller's).
 *
 * @param layers - the layers, input first
 * @param output - `'logistic'` (one unit per binary target) or `'softmax'` (one unit per class)
 * @param options - `backend`: the kernels to run on (default the js backend)
 * @returns the net
 * @throws ShapeError when a layer's shape is wrong or the layers do not chain
 * @throws NonFiniteError when a parameter is NaN or ±Infinity
 * @throws ConfigError when output is not a known kind, or options is not an object
 *
 * @example
 * ```ts
 * import { createSigmoidNet } from '@stochnet/model';
 * const net = createSigmoidNet(
 *   [{ inputs: 2, outputs: 1, weights: Float64Array.of(1, -1), bias: Float64Array.of(0) }],
 *   'logistic',
 * );
 * console.log(net.layers[0]!.outputs); // 1
 * ```
 */
export function createSigmoidNet(layers: readonly SigmoidLayer[], output: OutputKind, options?: { readonly backend?: Backend }): SigmoidNet {
  const fn = 'createSigmoidNet';
  checkOutputKind(fn, output);
  checkSigmoidLayers(fn, layers, output);
  const backend = optionsOf(fn, options).backend ?? jsBackend;
  if (typeof backend !== 'object' || backend === null || typeof backend.gemm !== 'function' || typeof backend.biasSigmoid !== 'function') {
    throw new ConfigError(`${fn}: option backend must be a Backend object`, { function: fn, option: 'backend' });
  }
  return {
    layers: layers.map((l) => ({ inputs: l.inputs, outputs: l.outputs, weights: Float64Array.from(l.weights), bias: Float64Array.from(l.bias) })),
    output,
    backend,
  };
}

/**
 * A zero gradient shaped like a net's parameters.
 *
 * @param net - the net
 * @returns zero-filled arrays, one weights/bias pair per layer
 * @throws ValidationError, ShapeError or NonFiniteError when `net` is not a well-formed SigmoidNet
 *
 * @example
 * ```ts
 * import { createSigmoidNet, zeroSigmoidNetGradient } from '@stochnet/model';
 * const net = createSigmoidNet([{ inputs: 3, outputs: 2, weights: new Float64Array(6), bias: new Float64Array(2) }], 'softmax');
 * console.log(zeroSigmoidNetGradient(net).layers[0]!.weights.length); // 6
 * ```
 */
export function zeroSigmoidNetGradient(net: SigmoidNet): SigmoidNetGradient {
  checkSigmoidNet('zeroSigmoidNetGradient', net);
  return { layers: net.layers.map((l) => ({ weights: new Float64Array(l.weights.length), bias: new Float64Array(l.bias.length) })) };
}

/** Options of {@link appendOutputLayer}. */
export interface AppendOutputOptions {
  /** Output kind of the new net; default `'softmax'`. */
  readonly output?: OutputKind;
  /** Initial weights, inputs×classes row-major; default: N(0, sd²) draws from `rng`, or zeros without one. */
  readonly weights?: Float64Array;
  /** Initial bias, one per class; default zeros. */
  readonly bias?: Float64Array;
  /** Stream for the default random weights. */
  readonly rng?: Rng;
  /** Standard deviation of the default random weights; default 0.01. */
  readonly sd?: number;
}

/**
 * A new net: `net`'s layers (copied; the last becomes a hidden sigmoid layer)
 * followed by an output layer of `classes` units.
 *
 * @param net - the body, e.g. from {@link unrollDbn}
 * @param classes - number of output units (classes for softmax, targets for logistic)
 * @param opts - output kind and initial parameters
 * @returns the extended net; `net` is unchanged
 * @throws ShapeError when classes is not a positive integer (≥ 2 for softmax) or given weights/bias have the wrong length
 * @throws NonFiniteError when given weights or bias hold NaN or ±Infinity
 * @throws ConfigError when output or sd is invalid, or opts is not an object
 * @throws ValidationError when `net` is not a SigmoidNet
 *
 * @example
 * ```ts
 * import { createRng } from '@stochnet/graph';
 * import { appendOutputLayer, createSigmoidNet } from '@stochnet/model';
 * const body = createSigmoidNet([{ inputs: 4, outputs: 3, weights: new Float64Array(12), bias: new Float64Array(3) }], 'logistic');
 * const net = appendOutputLayer(body, 10, { rng: createRng(1) });
 * console.log(net.layers.length, net.output); // 2 softmax
 * ```
 */
export function appendOutputLayer(net: SigmoidNet, classes: number, opts?: AppendOutputOptions): SigmoidNet {
  const fn = 'appendOutputLayer';
  checkSigmoidNet(fn, net);
  const options = optionsOf(fn, opts);
  const output = options.output ?? 'softmax';
  checkOutputKind(fn, output);
  if (typeof classes !== 'number' || !Number.isSafeInteger(classes) || classes < 1) {
    fail(fn, `classes must be a positive integer, got ${String(classes)}`, { argument: 'classes', received: classes });
  }
  const sd = options.sd ?? 0.01;
  if (typeof sd !== 'number' || !Number.isFinite(sd) || sd < 0) {
    throw new ConfigError(`${fn}: sd must be a finite non-negative number, got ${String(sd)}`, { function: fn, option: 'sd', received: sd });
  }
  if (options.rng !== undefined && typeof options.rng?.nextNormal !== 'function') {
    throw new ValidationError(`${fn}: rng must be an Rng from createRng`, { function: fn, argument: 'rng' });
  }
  const inputs = net.layers[net.layers.length - 1]!.outputs;
  const random = options.weights === undefined && options.rng !== undefined;
  const layer: SigmoidLayer = {
    inputs,
    outputs: classes,
    weights: options.weights ?? new Float64Array(inputs * classes),
    bias: options.bias ?? new Float64Array(classes),
  };
  // Check everything before drawing, so a rejected call consumes no randomness.
  checkSigmoidLayers(fn, [...net.layers, layer], output);
  if (random) {
    const weights = new Float64Array(inputs * classes);
    for (let i = 0; i < weights.length; i++) weights[i] = sd * options.rng!.nextNormal();
    return createSigmoidNet([...net.layers, { ...layer, weights }], output, { backend: net.backend });
  }
  return createSigmoidNet([...net.layers, layer], output, { backend: net.backend });
}
