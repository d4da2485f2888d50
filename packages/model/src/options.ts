/**
 * Options of {@link compile}: checked all at once, each problem a
 * {@link ConfigError} naming the option.
 *
 * @module
 */
import { ConfigError } from '@stochnet/graph';
import type { Backend, Dtype } from './backend.js';
import { jsBackend } from './kernels/js/index.js';
import { kernelNames } from './kernels/kernel-names.js';

/** Options of {@link compile} and {@link compileEither}. */
export interface CompileOptions {
  /** Storage precision of weights, biases and states; default `'float32'`. */
  readonly dtype?: Dtype | undefined;
  /** The kernels the plan runs on; default the portable `js` backend. */
  readonly backend?: Backend | undefined;
}

/** Options with every default filled in. */
export interface ResolvedCompileOptions {
  readonly dtype: Dtype;
  readonly backend: Backend;
}

const KNOWN_OPTIONS = new Set(['dtype', 'backend']);
const DTYPES: readonly Dtype[] = ['float32', 'float64'];

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  return typeof value;
}

function checkBackend(backend: unknown, issues: ConfigError[]): backend is Backend {
  if (typeof backend !== 'object' || backend === null || Array.isArray(backend)) {
    issues.push(
      new ConfigError(`option backend must be a Backend object, got ${describe(backend)}; omit it to use the js backend`, {
        option: 'backend',
        expected: 'Backend',
        received: describe(backend),
      }),
    );
    return false;
  }
  const record = backend as Record<string, unknown>;
  const before = issues.length;
  if (typeof record['name'] !== 'string' || record['name'] === '') {
    issues.push(
      new ConfigError(`option backend.name must be a non-empty string, got ${describe(record['name'])}`, {
        option: 'backend.name',
        expected: 'non-empty string',
        received: describe(record['name']),
      }),
    );
  }
  for (const kernel of kernelNames) {
    if (typeof record[kernel] !== 'function') {
      issues.push(
        new ConfigError(
          `option backend is missing kernel ${kernel} (got ${describe(record[kernel])}); a backend must implement every kernel of the Backend interface`,
          { option: 'backend', kernel, expected: 'function', received: describe(record[kernel]) },
        ),
      );
    }
  }
  return issues.length === before;
}

/**
 * Checks compile options and fills in defaults.
 *
 * @param options - what the caller passed (anything)
 * @param issues - receives one ConfigError per problem
 * @returns the resolved options, or undefined if any problem was found
 * @internal
 */
export function resolveCompileOptions(options: unknown, issues: ConfigError[]): ResolvedCompileOptions | undefined {
  if (options === undefined) return { dtype: 'float32', backend: jsBackend };
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    issues.push(
      new ConfigError(`compile options must be an object, got ${describe(options)}`, {
        option: 'options',
        expected: 'object',
        received: describe(options),
      }),
    );
    return undefined;
  }
  const before = issues.length;
  const record = options as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KNOWN_OPTIONS.has(key)) {
      issues.push(
        new ConfigError(`unknown compile option ${JSON.stringify(key)}; the options are dtype and backend`, {
          option: key,
          expected: [...KNOWN_OPTIONS],
        }),
      );
    }
  }
  const dtypeValue = record['dtype'];
  let dtype: Dtype = 'float32';
  if (dtypeValue !== undefined) {
    if (DTYPES.includes(dtypeValue as Dtype)) dtype = dtypeValue as Dtype;
    else {
      issues.push(
        new ConfigError(`option dtype must be 'float32' or 'float64', got ${describe(dtypeValue)}`, {
          option: 'dtype',
          expected: DTYPES,
          received: describe(dtypeValue),
        }),
      );
    }
  }
  const backendValue = record['backend'];
  let backend: Backend = jsBackend;
  if (backendValue !== undefined && checkBackend(backendValue, issues)) backend = backendValue;
  return issues.length === before ? { dtype, backend } : undefined;
}
