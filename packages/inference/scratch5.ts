import { network } from '@stochnet/graph';
import { compile, exactLogProbabilities } from '@stochnet/model';
import { ancestralSample } from './src/ancestral.js';
 const net = network()
   .unit('rain', { bias: -1 })
   .unit('sprinkler', { bias: -0.5 })
   .unit('wet', { bias: -4, role: 'visible' })
   .edge('rain', 'sprinkler', -2)
   .edge('rain', 'wet', 5)
   .edge('sprinkler', 'wet', 4)
   .build();
 const plan = compile(net, { dtype: 'float64' });
 console.log(plan.kind, plan.blocks.map(b=>b.group));
 const n = 20000;
 const { states, logWeights } = ancestralSample(plan, { samples: n, seed: 1, evidence: [{ unit: 'wet', values: [1] }] });
 let num = 0, den = 0;
 for (let r = 0; r < n; r++) { const w = Math.exp(logWeights![r]!); num += w * states[r * 3]!; den += w; }
 console.log((num / den).toFixed(4));
 const lp = exactLogProbabilities(plan); let a=0,b=0; for (let x=0;x<8;x++){ if(x&4){ b+=Math.exp(lp[x]!); if(x&1) a+=Math.exp(lp[x]!);} } console.log('exact', a/b);
