import { compile } from '@stochnet/model';
import { createGibbsWorkspace, initGibbs, runGibbs } from '../src/index.js';
import { m1, m2b } from '../../../test/support/fixtures.js';
for (const [name, net, dtype] of [['m1', m1(), 'float64'], ['m2b', m2b(), 'float32']] as const) {
  const plan = compile(net, { dtype });
  const C = 10000;
  const st = initGibbs(plan, { chains: C, seed: 1 });
  const ws = createGibbsWorkspace(plan, C);
  runGibbs(st, 5, { workspace: ws });
  const t = performance.now();
  runGibbs(st, 50, { workspace: ws });
  const ms = performance.now() - t;
  console.log(name, 'ms', ms.toFixed(0), 'ns/update', (ms * 1e6 / (C * 50 * 6)).toFixed(1));
}
