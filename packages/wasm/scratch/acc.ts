import { Heap } from '../src/heap.js';
import { instantiateKernels } from '../src/module.js';
const memory = new WebAssembly.Memory({ initial: 64 });
const ex = await instantiateKernels(memory);
const heap = new Heap(memory, ex.heapBase());
const n = 1 << 20;
heap.reset();
const px = heap.alloc(n * 4), po = heap.alloc(n * 4);
const ref = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
let worst = 0, at = 0, worstUlp = 0;
for (const [lo, hi] of [[-80, 80], [-1, 1], [-80, -70], [-20, 20]] as const) {
  for (let i = 0; i < n; i++) heap.f32[(px >> 2) + i] = lo + ((hi - lo) * i) / n;
  ex.sigmoidSimdF32(po, px, n);
  for (let i = 0; i < n; i++) {
    const z = heap.f32[(px >> 2) + i]!;
    const r = ref(z), g = heap.f32[(po >> 2) + i]!;
    const e = Math.abs(g - r) / r;
    const ulp = Math.abs(g - r) / (Math.abs(Math.fround(r) - Math.fround(r * (1 + 2 ** -23))) || 1);
    if (e > worst) { worst = e; at = z; }
    if (ulp > worstUlp) worstUlp = ulp;
  }
}
console.log('max rel err', worst, 'at', at, 'ulp-ish', worstUlp);
