import { rbm, sbn, dbn } from '@stochnet/graph';
import { compile, describePlan } from '@stochnet/model';
console.log(JSON.stringify(describePlan(compile(rbm(4, 2, { seed: 1, shape: [2, 2] }))), null, 1));
console.log(JSON.stringify(describePlan(compile(dbn([4, 3, 2], { seed: 1 })))).slice(0, 1500));
