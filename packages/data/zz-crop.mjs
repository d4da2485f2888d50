import { readFileSync, writeFileSync } from 'node:fs';
import { decode, encode } from 'fast-png';
const [src, dst, x, y, w, h] = process.argv.slice(2);
const img = decode(readFileSync(src));
const X = +x, Y = +y, W = +w, H = +h, C = img.channels;
const out = new Uint8Array(W * H * C);
for (let r = 0; r < H; r++) out.set(img.data.subarray(((Y + r) * img.width + X) * C, ((Y + r) * img.width + X + W) * C), r * W * C);
writeFileSync(dst, encode({ width: W, height: H, data: out, channels: C, depth: 8 }));
console.log(img.width, img.height, C);
