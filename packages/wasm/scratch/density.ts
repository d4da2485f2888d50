import { FASHION_MNIST_DIR, readMnist } from '@stochnet/data/node';
const tr = await readMnist(FASHION_MNIST_DIR, 'train');
let s = 0; const n = 20000 * tr.cols;
for (let i = 0; i < n; i++) s += tr.images[i]! > 127 ? 1 : 0;
console.log(tr.rows, tr.cols, s / n);
