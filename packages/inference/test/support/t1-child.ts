/** Child-process entry of T1: prints the digest of the shared call sequence. */
import { t1Digest } from './t1-run.js';

process.stdout.write(`${t1Digest()}\n`);
