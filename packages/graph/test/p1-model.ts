/**
 * P1 (TESTING.md B.4): model-based edit sequences against a reference edge
 * map of single-unit groups. Shared by the property test and its negative control.
 */
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { expect } from 'vitest';
import { snapshot } from '../../../test/support/no-mutation.js';
import { network } from '../src/builder.js';
import { addEdge, addGroup, removeCoupling, removeGroup, setWeight } from '../src/edit.js';
import type { StochnetError } from '../src/errors.js';
import type { Network } from '../src/types.js';
import { validateNetwork } from '../src/validate.js';
import { findDirectedCycle } from '../src/view.js';
import { canonical } from './core-nets.js';

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly directed: boolean;
  readonly w: number;
}
export interface Model {
  units: Set<string>;
  edges: Map<string, Edge>;
}
export interface Real {
  net: Network;
}

const UNITS = ['u0', 'u1', 'u2', 'u3', 'u4'];
const edgeId = (a: string, b: string, directed: boolean): string => (directed ? `${a}->${b}` : a < b ? `${a}--${b}` : `${b}--${a}`);

function reaches(model: Model, start: string, goal: string): boolean {
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length > 0) {
    const at = stack.pop()!;
    if (at === goal) return true;
    for (const e of model.edges.values()) if (e.directed && e.from === at && !seen.has(e.to)) (seen.add(e.to), stack.push(e.to));
  }
  return false;
}

/** The code an addEdge must fail with, or null when the reference accepts it. */
function addEdgeOutcome(m: Model, a: string, b: string, directed: boolean): string | null {
  if (!m.units.has(a) || !m.units.has(b)) return 'UNKNOWN_ID';
  if (a === b) return 'SELF_LOOP';
  const clash = [edgeId(a, b, directed), edgeId(a, b, !directed), ...(directed ? [] : [edgeId(b, a, true)])];
  if (clash.some((id) => m.edges.has(id))) return 'DUPLICATE';
  if (directed && reaches(m, b, a)) return 'CYCLE';
  return null;
}

function expected(m: Model): unknown {
  const net = {
    structure: {
      groups: [...m.units].map((id) => ({ id, size: 1, kind: 'bernoulli', role: 'hidden' })),
      couplings: [...m.edges].map(([id, e]) => ({ id, from: e.from, to: e.to, directed: e.directed, connectivity: 'sparse' })),
    },
    biases: new Map([...m.units].map((id) => [id, new Float64Array(1)])),
    couplings: new Map(
      [...m.edges].map(([id, e]) => [id, { weights: Float64Array.of(e.w), rows: Int32Array.of(0), cols: Int32Array.of(0) }]),
    ),
  } as unknown as Network;
  return canonical(net);
}

/** Runs one edit on the real network: accepted edits must match the model; rejected ones must change nothing. */
function step(m: Model, r: Real, outcome: string | null, edit: (n: Network) => Network, apply: () => void): void {
  const before = r.net;
  const snap = snapshot(before);
  if (outcome === null) {
    r.net = edit(before);
    apply();
  } else {
    let code: unknown;
    try {
      edit(before);
    } catch (e) {
      code = (e as StochnetError).code;
    }
    expect(code).toBe(outcome);
  }
  expect(snapshot(before)).toEqual(snap);
  expect(canonical(r.net)).toEqual(expected(m));
  expect(E.isRight(validateNetwork(r.net))).toBe(true);
  expect(findDirectedCycle(r.net.structure)).toBeNull();
}

class AddEdge implements fc.Command<Model, Real> {
  constructor(readonly a: string, readonly b: string, readonly w: number, readonly directed: boolean) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const { a, b, w, directed } = this;
    step(m, r, addEdgeOutcome(m, a, b, directed), (n) => addEdge(n, a, b, w, { undirected: !directed }), () => {
      const [from, to] = directed || a < b ? [a, b] : [b, a];
      m.edges.set(edgeId(a, b, directed), { from, to, directed, w });
    });
  }
  toString = (): string => `addEdge(${this.a}, ${this.b}, ${this.w}, ${this.directed ? 'directed' : 'undirected'})`;
}

class RemoveCoupling implements fc.Command<Model, Real> {
  constructor(readonly id: string) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    step(m, r, m.edges.has(this.id) ? null : 'UNKNOWN_ID', (n) => removeCoupling(n, this.id), () => m.edges.delete(this.id));
  }
  toString = (): string => `removeCoupling(${this.id})`;
}

class SetWeight implements fc.Command<Model, Real> {
  constructor(readonly id: string, readonly w: number) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const e = m.edges.get(this.id);
    step(m, r, e ? null : 'UNKNOWN_ID', (n) => setWeight(n, this.id, 0, 0, this.w), () => m.edges.set(this.id, { ...e!, w: this.w }));
  }
  toString = (): string => `setWeight(${this.id}, ${this.w})`;
}

class AddUnit implements fc.Command<Model, Real> {
  constructor(readonly u: string) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    step(m, r, m.units.has(this.u) ? 'DUPLICATE' : null, (n) => addGroup(n, this.u, 1), () => m.units.add(this.u));
  }
  toString = (): string => `addGroup(${this.u})`;
}

class RemoveUnit implements fc.Command<Model, Real> {
  constructor(readonly u: string) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    step(m, r, m.units.has(this.u) ? null : 'UNKNOWN_ID', (n) => removeGroup(n, this.u), () => {
      m.units.delete(this.u);
      for (const [id, e] of m.edges) if (e.from === this.u || e.to === this.u) m.edges.delete(id);
    });
  }
  toString = (): string => `removeGroup(${this.u})`;
}

export function commands(directedOnly: boolean): fc.Arbitrary<Iterable<fc.Command<Model, Real>>> {
  const unit = fc.constantFrom(...UNITS);
  const weight = fc.double({ min: -8, max: 8, noNaN: true });
  const directed = directedOnly ? fc.constant(true) : fc.boolean();
  const id = fc.tuple(unit, unit, directed).map(([a, b, d]) => edgeId(a, b, d));
  return fc.commands(
    [
      fc.tuple(unit, unit, weight, directed).map(([a, b, w, d]) => new AddEdge(a, b, w, d)),
      fc.tuple(unit, unit, weight, directed).map(([a, b, w, d]) => new AddEdge(a, b, w, d)),
      id.map((i) => new RemoveCoupling(i)),
      fc.tuple(id, weight).map(([i, w]) => new SetWeight(i, w)),
      unit.map((u) => new AddUnit(u)),
      unit.map((u) => new RemoveUnit(u)),
    ],
    { maxCommands: 30 },
  );
}

/** A fresh model and network: units u0..u3, no couplings. */
export function start(): { model: Model; real: Real } {
  const units = UNITS.slice(0, 4);
  let b = network();
  for (const u of units) b = b.unit(u);
  return { model: { units: new Set(units), edges: new Map() }, real: { net: b.build() } };
}
