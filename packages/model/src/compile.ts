/**
 * The compiler: a Network becomes a Plan of typed-array kernels and
 * schedules. Every problem (invalid network, bad options, size limits,
 * structure no schedule can order) is collected before anything is
 * allocated.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { NonEmptyArray } from 'fp-ts/lib/NonEmptyArray.js';
import { ShapeError, throwIssues, validateNetwork } from '@stochnet/graph';
import type { ConfigError, Network, NonFiniteError, StochnetError, TooLargeError } from '@stochnet/graph';
import type { Plan } from './plan.js';
import { detectKind } from './kind.js';
import { buildLayout, checkFloat32Range } from './layout.js';
import { checkLimits } from './limits.js';
import type { MAX_PLAN_UNITS, MAX_PLAN_WEIGHTS } from './limits.js';
import { resolveCompileOptions } from './options.js';
import type { CompileOptions } from './options.js';
import { buildSchedules, chainComponents } from './schedule.js';
import { topologyOf } from './topology.js';
import { writeBack } from './write-back.js';

/**
 * Compiles a network into a plan, collecting every problem instead of
 * throwing.
 *
 * @remarks
 * Layout: unit blocks are the groups sorted by id (code-unit order) with
 * contiguous offsets; weight blocks are the couplings sorted by id, copied
 * into fresh row-major arrays of the plan's dtype (sparse couplings stay
 * sparse, in CSR order with a CSC view); `bias` holds every group's biases
 * in layout order. The plan never shares an array with the network.
 *
 * The kind (`rbm`, `boltzmann`, `sbn`, `dbn`, `general`) is detected from
 * the couplings. The network must be a chain graph: undirected components
 * joined by directed couplings that form no cycle between components.
 *
 * Problems reported: everything `validateNetwork` (from `@stochnet/graph`) finds; bad options
 * (ConfigError naming the option: unknown keys, dtype, a backend missing a
 * kernel); a network without groups (ShapeError); more than
 * {@link MAX_PLAN_WEIGHTS} weights in a block or in total, or more than
 * {@link MAX_PLAN_UNITS} units (TooLargeError, checked on the structure
 * before allocating); a parameter that overflows float32 (NonFiniteError);
 * a directed coupling inside an undirected component (GraphStructureError,
 * code `UNPLANNABLE`); and a directed cycle through components (CycleError).
 *
 * @param net - the network to compile
 * @param options - `dtype` (default `'float32'`) and `backend` (default the js backend)
 * @returns `Right(plan)`, or `Left` with every problem found
 *
 * @example
 * ```ts
 * import { rbm, zeros } from '@stochnet/graph';
 * import { compileEither } from '@stochnet/model';
 * import * as E from 'fp-ts/lib/Either.js';
 * const ok = compileEither(rbm(4, 3, { init: zeros() }), { dtype: 'float64' });
 * console.log(E.isRight(ok) && ok.right.kind); // 'rbm'
 * const bad = compileEither(rbm(4, 3, { init: zeros() }), { dtype: 'float16' as never });
 * console.log(E.isLeft(bad) && bad.left.map((e) => e.code)); // [ 'CONFIG' ]
 * ```
 */
export function compileEither(net: Network, options?: CompileOptions): E.Either<NonEmptyArray<StochnetError>, Plan> {
  const issues: StochnetError[] = [];
  const configIssues: ConfigError[] = [];
  const resolved = resolveCompileOptions(options, configIssues);
  const valid = validateNetwork(net);
  if (E.isLeft(valid)) issues.push(...valid.left);
  const limitIssues: TooLargeError[] = [];
  checkLimits(net, limitIssues);
  issues.push(...limitIssues);
  if (E.isRight(valid) && limitIssues.length === 0) {
    if (net.structure.groups.length === 0) {
      issues.push(new ShapeError('the network has no groups; add at least one group before compiling', { groups: 0, expected: 'at least 1 group' }));
    }
    if (resolved?.dtype === 'float32') {
      const overflow: NonFiniteError[] = [];
      checkFloat32Range(net, overflow);
      issues.push(...overflow);
    }
  }
  issues.push(...configIssues);
  if (issues.length > 0 || resolved === undefined) return E.left(issues as NonEmptyArray<StochnetError>);

  const topo = topologyOf(net.structure);
  const chain = chainComponents(topo);
  if (chain.issues.length > 0) return E.left(chain.issues as NonEmptyArray<StochnetError>);
  const kind = detectKind(topo);
  const layout = buildLayout(net, topo, resolved.dtype);
  const schedules = buildSchedules(topo, chain.components, layout.weights, layout.offsets);
  const plan: Plan = {
    kind,
    dtype: resolved.dtype,
    backend: resolved.backend,
    size: layout.size,
    blocks: layout.blocks,
    weights: layout.weights,
    bias: layout.bias,
    schedules: Object.freeze(schedules),
    source: net,
    toNetwork: () => writeBack(plan),
  };
  return E.right(Object.freeze(plan));
}

/**
 * Compiles a network into a plan of typed-array kernels and schedules.
 *
 * @remarks
 * The throwing form of {@link compileEither}; see it for the layout, the
 * kind detection and every problem reported.
 *
 * @param net - the network to compile
 * @param options - `dtype` (default `'float32'`) and `backend` (default the js backend)
 * @returns the plan; `plan.toNetwork()` writes its parameters back into a new Network
 * @throws the first problem {@link compileEither} finds (a StochnetError such as
 * ValidationError, ConfigError, TooLargeError, CycleError or GraphStructureError),
 * with every problem in its `issues`
 *
 * @example
 * ```ts
 * import { dbn, zeros } from '@stochnet/graph';
 * import { compile } from '@stochnet/model';
 * const plan = compile(dbn([6, 4, 3, 2], { init: zeros() }));
 * console.log(plan.kind, plan.size); // dbn 15
 * console.log(plan.blocks.map((b) => b.group)); // [ 'h1', 'h2', 'h3', 'v' ]
 * ```
 */
export function compile(net: Network, options?: CompileOptions): Plan {
  const result = compileEither(net, options);
  if (E.isLeft(result)) throwIssues([result.left[0], ...result.left.slice(1)]);
  return result.right;
}
