import { dbn } from '@stochnet/graph';
import { compile } from '@stochnet/model';
const plan = compile(dbn([3, 2, 2], { seed: 1 }), { dtype: 'float64' });
console.log(plan.kind, JSON.stringify(plan.schedules), plan.blocks.map(b => [b.group, b.role, b.offset]), plan.weights.map(w => [w.coupling, w.from, w.to, w.directed]));
