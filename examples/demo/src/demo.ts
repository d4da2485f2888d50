/**
 * The demo's steps, written against the public entry points only, so the
 * tests can run it with a captured output.
 */
import {
  StochnetError,
  addEdge,
  fromJSON,
  markovBlanket,
  mutate,
  network,
  rbm,
  toJSON,
  topologicalGroups,
  validateNetwork,
} from '@stochnet/graph';
import { compile, describePlan, exactLogZ, exactMarginals } from '@stochnet/model';

/** Where the demo writes its lines. */
export type Print = (line: string) => void;

/** What the demo computed, for its tests. */
export interface DemoResult {
  /** Exact p(wet = 1) in the sprinkler net. */
  readonly pWet: number;
  /** Exact log Z of the 6×4 RBM. */
  readonly rbmLogZ: number;
  /** The code of the error the bad edit raised. */
  readonly rejectedCode: string;
}

/**
 * Runs the demo, printing as it goes.
 *
 * @param print - receives each output line
 * @returns the figures it printed
 */
export function runDemo(print: Print): DemoResult {
  print('stochnet demo');
  print('=============');

  // 1. A hand-written sigmoid belief net, unit by unit.
  const sprinkler = network()
    .unit('cloudy', { bias: 0 })
    .unit('rain', { bias: -1.5 })
    .unit('sprinkler', { bias: 0.5 })
    .unit('wet', { bias: -3, role: 'visible' })
    .edge('cloudy', 'rain', 3)
    .edge('cloudy', 'sprinkler', -2)
    .edge('rain', 'wet', 4)
    .edge('sprinkler', 'wet', 3.5)
    .build();
  print('');
  print('1. cloudy → {rain, sprinkler} → wet, built unit by unit');
  print(`   groups in ancestral order: ${topologicalGroups(sprinkler).join(' → ')}`);
  const blanket = markovBlanket(sprinkler, 'rain').map((u) => u.group);
  print(`   Markov blanket of rain: ${blanket.join(', ')} (parents, children, co-parents)`);

  // 2. Validation collects every problem; edits never touch their input.
  const valid = validateNetwork(sprinkler);
  print('');
  print(`2. validateNetwork: ${valid._tag === 'Right' ? 'valid' : 'invalid'}`);
  let rejectedCode = '';
  try {
    addEdge(sprinkler, 'wet', 'cloudy', 1); // would close a directed cycle
  } catch (e) {
    if (!(e instanceof StochnetError)) throw e;
    rejectedCode = e.code;
    print(`   adding wet → cloudy is refused: ${e.name} [${e.code}] ${e.message}`);
  }
  const edited = mutate(sprinkler, (d) => {
    d.setBiasAt('rain', 0, -1);
    d.setWeight('cloudy->rain', 0, 0, 2.5);
  });
  print(`   a batch edit made a new network; the original is unchanged: ${sprinkler !== edited}`);

  // 3. Save and reload, bit for bit.
  const text = toJSON(edited);
  const again = fromJSON(text);
  print('');
  print(`3. saved as ${text.length} bytes of JSON; reloaded and saved again identically: ${toJSON(again) === text}`);

  // 4. Compile and compute exactly.
  const plan = compile(edited, { dtype: 'float64' });
  const marginals = exactMarginals(plan);
  const wet = plan.blocks.find((b) => b.group === 'wet');
  const pWet = wet === undefined ? Number.NaN : marginals[wet.offset]!;
  print('');
  print(`4. compiled: a ${plan.kind} plan of ${plan.size} units; exact p(wet = 1) = ${pWet.toFixed(6)}`);

  // 5. An RBM preset and its plan.
  const machine = rbm(6, 4, { seed: 'demo' });
  const rbmPlan = compile(machine, { dtype: 'float64' });
  const summary = describePlan(rbmPlan);
  const rbmLogZ = exactLogZ(rbmPlan);
  print('');
  print(`5. rbm(6, 4): kind ${summary.kind}, ${summary.units} units, Gibbs steps: ${summary.schedules.gibbs.length}, exact log Z = ${rbmLogZ.toFixed(6)}`);
  return { pWet, rbmLogZ, rejectedCode };
}
