import { normal, sbn } from '@stochnet/graph';
import { compile, exactLogLikelihood } from '@stochnet/model';
import { ancestralSample, trainSbn } from '@stochnet/inference';
function teacherData(n: number, seed: string) {
  const teacher = compile(sbn([6, 3], { seed: 'teacher', init: normal(0, 3) }), { dtype: 'float64' });
  const { states } = ancestralSample(teacher, { samples: n, seed });
  const v = teacher.blocks.find((b) => b.role === 'visible')!;
  const values = new Uint8Array(n * 6);
  for (let r = 0; r < n; r++) for (let i = 0; i < 6; i++) values[r * 6 + i] = states[r * teacher.size + v.offset + i]!;
  return { values, rows: n, cols: 6 };
}
const data = teacherData(200, 'train-rows');
const held = teacherData(200, 'held-rows');
const plan = compile(sbn([6, 3], { seed: 'student' }), { dtype: 'float64' });
const b = exactLogLikelihood(plan, data.values, 200), hb = exactLogLikelihood(plan, held.values, 200);
for (const cfg of [{ method: 'sbn-gibbs', persistent: true }, { method: 'sbn-gibbs', persistent: false }, { method: 'wake-sleep' }] as const) {
  const out = [];
  for (let seed = 1; seed <= 6; seed++) {
    const r = trainSbn(plan, data, { ...cfg, epochs: 30, batchSize: 10, learningRate: 0.1, momentum: 0.5, seed } as any);
    out.push([(exactLogLikelihood(r.plan, data.values, 200) - b).toFixed(3), (exactLogLikelihood(r.plan, held.values, 200) - hb).toFixed(3)]);
  }
  console.log(JSON.stringify(cfg), JSON.stringify(out));
}
