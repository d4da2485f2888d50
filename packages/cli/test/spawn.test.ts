/**
 * The real program, spawned as a child process: exit codes, the shape of
 * stdout and stderr, and the files a run leaves.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, gridSize, lines, listing, pngSize, spawnCli, tempFolder } from './support.js';

afterAll(cleanup);

describe('stochnet, spawned', () => {
  it('trains a tiny RBM on the embedded digits: exit 0, a readable report, every file, pictures of the right size', async () => {
    const dir = await tempFolder();
    const r = await spawnCli(['train', '--hidden', '4', '--method', 'cd-1', '--epochs', '1', '--samples', '10', '--sweeps', '5', '--out', 'run'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('\r'); // not a terminal: plain lines, no bar
    expect(r.stdout).toMatch(/held-out log-likelihood: -\d+\.\d{3} nats per example \(exact enumeration\)/);
    expect(await listing(join(dir, 'run'))).toEqual(['checkpoint.json', 'curve.png', 'curve.svg', 'filters.png', 'model.json', 'reconstructions.png', 'samples.png']);
    // 8×8 tiles at scale 8 (64 pixels) with 4 pixels of padding.
    expect(await pngSize(join(dir, 'run', 'samples.png'))).toEqual(gridSize(1, 10, 64, 4));
    expect(await pngSize(join(dir, 'run', 'filters.png'))).toEqual(gridSize(1, 4, 64, 4));
    expect(await pngSize(join(dir, 'run', 'reconstructions.png'))).toEqual(gridSize(4, 10, 64, 4));
  });

  it('an unknown flag: exit 2, one line on stderr naming it, no stack, nothing written', async () => {
    const dir = await tempFolder();
    const r = await spawnCli(['train', '--hiden', '4', '--out', 'run'], dir);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain("'--hiden'");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
    expect(await listing(dir)).toEqual([]);
  });

  it('a corrupt model file: exit 1, one line with its code, no stack, nothing written', async () => {
    const dir = await tempFolder();
    await writeFile(join(dir, 'model.json'), '{"format": "stochnet-network", "version": ');
    const r = await spawnCli(['sample', 'model.json', '--out', 'out.png'], dir);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/^stochnet sample: .*model\.json.*\[PARSE\]\n$/);
    expect(existsSync(join(dir, 'out.png'))).toBe(false);
    expect(await listing(dir)).toEqual(['model.json']);
  });
});
