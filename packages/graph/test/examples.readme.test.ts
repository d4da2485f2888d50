/** The README's example, run as written, with its commented outputs asserted. */
import { describe, expect, it } from 'vitest';
import { fromJSON, mutate, network, rbm, toJSON, topologicalGroups } from '@stochnet/graph';

describe('README example', () => {
  it('builds, edits, orders and round-trips networks', () => {
    const machine = rbm(784, 500, { seed: 1, shape: [28, 28] });
    const sprinkler = network({ seed: 7 })
      .unit('rain', { bias: -1 })
      .unit('sprinkler')
      .unit('wet', { role: 'visible' })
      .edge('rain', 'wet', 2)
      .edge('sprinkler', 'wet', 1.5)
      .build();
    const edited = mutate(sprinkler, (d) => d.setWeight('rain->wet', 0, 0, 2.5));
    expect(topologicalGroups(edited)).toEqual(['rain', 'sprinkler', 'wet']);
    const text = toJSON(machine, { integrity: true });
    expect(fromJSON(text).structure.groups.length).toBe(2);
  });
});
