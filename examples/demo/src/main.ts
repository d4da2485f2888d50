/**
 * The stochnet demo, run by `pnpm demo`.
 */
import { pathToFileURL } from 'node:url';
import { runDemo } from './demo.js';

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runDemo((line) => process.stdout.write(`${line}\n`));
}
