import { digitsSplit, imageGrid } from '@stochnet/data';
import { writePng } from '@stochnet/data/node';
const { train } = digitsSplit(1, { binarize: true });
await writePng('/tmp/exp-data.png', imageGrid(train, { count: 30, cols: 10, scale: 8, padding: 4 }));
