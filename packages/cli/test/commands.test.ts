/**
 * `stochnet sample`, `eval` and `inspect` in-process, on models trained once
 * on a small labelled CSV set.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '@stochnet/cli';
import { barsCsv, capture, cleanup, gridSize, lines, listing, pngSize, tempFolder } from './support.js';

let dir = '';
const DATA = ['--csv', 'bars.csv', '--label-column', 'label'];

async function run(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const c = capture(dir);
  const code = await runCli(args, c.io);
  return { code, out: c.out(), err: c.err() };
}

beforeAll(async () => {
  dir = await tempFolder();
  await barsCsv(dir);
  const small = ['--samples', '4', '--sweeps', '5', ...DATA];
  expect((await run(['train', ...small, '--hidden', '3', '--epochs', '3', '--out', 'rbm'])).code).toBe(0);
  expect((await run(['train', ...small, '--model', 'sbn', '--hidden', '3', '--epochs', '1', '--out', 'sbn'])).code).toBe(0);
  expect((await run(['train', ...small, '--model', 'dbn', '--layers', '16,6,4', '--epochs', '2', '--fine-tune', '5', '--out', 'dbn'])).code).toBe(0);
});
afterAll(cleanup);

describe('stochnet inspect', () => {
  it('--json prints the plan summary as one JSON document', async () => {
    const r = await run(['inspect', 'rbm/model.json', '--json']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out) as { kind: string; units: number; blocks: { group: string; size: number }[] };
    expect(summary.kind).toBe('rbm');
    expect(summary.units).toBe(19);
    expect(summary.blocks.map((b) => [b.group, b.size])).toEqual([['h', 3], ['v', 16]]);
  });

  it('prints a readable summary', async () => {
    const r = await run(['inspect', 'dbn/model.json']);
    expect(r.code).toBe(0);
    expect(lines(r.out)[0]).toContain('a dbn of 26 units');
    expect(r.out).toContain('h1->v');
  });
});

describe('stochnet eval', () => {
  it('--json: the exact log-likelihood and the reconstruction error of an rbm', async () => {
    const r = await run(['eval', 'rbm/model.json', ...DATA, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { logLikelihood: { method: string; value: number }; reconstructionError: number; data: { rows: number } };
    expect(doc.logLikelihood.method).toBe('exact');
    expect(doc.logLikelihood.value).toBeLessThan(0);
    expect(doc.reconstructionError).toBeGreaterThan(0);
    expect(doc.data.rows).toBe(40);
  });

  it('a DBN classifier’s accuracy on labelled data', async () => {
    const r = await run(['eval', 'dbn/model.json', '--classifier', 'dbn/classifier.json', ...DATA]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/classification accuracy: (0|1)\.\d{4}/);
  });

  it('data of the wrong width: exit 2, one line', async () => {
    const r = await run(['eval', 'rbm/model.json']); // the digits have 64 columns, the model 16
    expect(r.code).toBe(2);
    expect(lines(r.err)).toHaveLength(1);
  });

  it('a classifier file that is not one: exit 1, one line', async () => {
    const r = await run(['eval', 'dbn/model.json', '--classifier', 'dbn/model.json', ...DATA]);
    expect(r.code).toBe(1);
    expect(lines(r.err)).toHaveLength(1);
    expect(r.err).toContain('[SCHEMA]');
  });
});

describe('stochnet sample', () => {
  it('writes n samples as a PNG of the expected size, for each model kind', async () => {
    for (const kind of ['rbm', 'sbn', 'dbn']) {
      const r = await run(['sample', `${kind}/model.json`, '-n', '6', '--sweeps', '5', '--out', `${kind}-samples.png`]);
      expect(r.code, kind).toBe(0);
      // 4×4 tiles at scale 8 (32 pixels), 4 pixels of padding, one row of six.
      expect(await pngSize(join(dir, `${kind}-samples.png`))).toEqual(gridSize(1, 6, 32, 4));
    }
  });

  it('--inpaint: originals, clamped halves and completions in three rows', async () => {
    const r = await run(['sample', 'rbm/model.json', '--inpaint', '5', '--sweeps', '5', ...DATA, '--out', 'inpaint.png']);
    expect(r.code).toBe(0);
    expect(await pngSize(join(dir, 'inpaint.png'))).toEqual(gridSize(3, 5, 32, 4));
  });

  it('a corrupt model: exit 1, one line, no picture and no temporary file', async () => {
    const bad = await tempFolder();
    await writeFile(join(bad, 'model.json'), '[1, 2');
    const c = capture(bad);
    expect(await runCli(['sample', 'model.json', '--out', 'x.png'], c.io)).toBe(1);
    expect(lines(c.err())).toHaveLength(1);
    expect(c.err()).toContain('[PARSE]');
    expect(await listing(bad)).toEqual(['model.json']);
  });

  it('a missing model: exit 1, one line naming it; --verbose adds the details and the stack', async () => {
    const r = await run(['inspect', 'nowhere.json']);
    expect(r.code).toBe(1);
    expect(lines(r.err)).toHaveLength(1);
    expect(r.err).toContain('nowhere.json');
    expect(r.err).toContain('[FILE]');
    const v = await run(['inspect', 'nowhere.json', '--verbose']);
    expect(v.code).toBe(1);
    expect(v.err).toContain('details: ');
    expect(v.err).toMatch(/\n\s+at /);
  });

  it('an unwritable output: exit 1, one line, no temporary file left', async () => {
    await writeFile(join(dir, 'blocker'), 'a file where a folder should be');
    const r = await run(['sample', 'rbm/model.json', '-n', '2', '--sweeps', '2', '--out', 'blocker/x.png']);
    expect(r.code).toBe(1);
    expect(lines(r.err)).toHaveLength(1);
    expect(r.err).toContain('[FILE]');
    expect((await listing(dir)).some((f) => f.endsWith('.tmp'))).toBe(false);
    expect(existsSync(join(dir, 'blocker', 'x.png'))).toBe(false);
  });
});

describe('--backend', () => {
  it('defaults to the fastest kernels (wasm here) and says so; --backend js agrees to float rounding', async () => {
    const auto = await run(['eval', 'rbm/model.json', ...DATA, '--json']);
    const js = await run(['eval', 'rbm/model.json', ...DATA, '--json', '--backend', 'js']);
    const a = JSON.parse(auto.out) as { backend: string; reconstructionError: number };
    const j = JSON.parse(js.out) as { backend: string; reconstructionError: number };
    expect([a.backend, j.backend]).toEqual(['wasm', 'js']);
    expect(Math.abs(a.reconstructionError - j.reconstructionError)).toBeLessThan(1e-5);
    const text = await run(['eval', 'rbm/model.json', ...DATA]);
    expect(text.out).toMatch(/kernels: wasm \(WebAssembly (relaxed )?SIMD, [12] threads?\)/);
    const trained = await run(['train', '--samples', '4', '--sweeps', '5', ...DATA, '--hidden', '3', '--epochs', '1', '--backend', 'js', '--out', 'rbm-js']);
    expect(trained.code).toBe(0);
    expect(trained.out).toContain('kernels: js (--backend js)');
  });

  it('an unknown backend: exit 2, one line naming the flag', async () => {
    const r = await run(['sample', 'rbm/model.json', '--backend', 'gpu']);
    expect(r.code).toBe(2);
    expect(lines(r.err)).toHaveLength(1);
    expect(r.err).toContain('--backend');
  });
});
