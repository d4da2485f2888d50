/**
 * Flag parsers and the checked training configuration.
 */
import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { UsageError } from '@stochnet/cli';
import { backendFlag, decayFactor, layerList, methodFlag, positiveInt, shapeFlag } from '../src/flags.js';
import { trainConfigOf } from '../src/commands/train-config.js';
import type { TrainFlags } from '../src/commands/train-config.js';

const BASE: TrainFlags = { model: 'rbm', epochs: 5, batchSize: 10, seed: '1', chains: 10, fineTune: 0, out: 'o', checkpointEvery: 5, samples: 4, sweeps: 5, backend: 'auto' };

describe('flag parsers', () => {
  it('read --backend auto, wasm and js, and refuse anything else', () => {
    expect(['auto', 'wasm', ' js '].map(backendFlag)).toEqual(['auto', 'wasm', 'js']);
    for (const bad of ['', 'gpu', 'WASM']) expect(() => backendFlag(bad)).toThrow(InvalidArgumentError);
  });

  it('read cd-K, pcd-K and the named rules', () => {
    expect(methodFlag('cd-5')).toEqual({ method: 'cd', k: 5 });
    expect(methodFlag('pcd')).toEqual({ method: 'pcd', k: 1 });
    expect(methodFlag('wake-sleep')).toEqual({ method: 'wake-sleep' });
    for (const bad of ['cd-0', 'cd-x', 'gibbs', 'cd-1001']) expect(() => methodFlag(bad)).toThrow(InvalidArgumentError);
  });

  it('read sizes, shapes, counts and factors, refusing the rest', () => {
    expect(layerList('64, 100,100')).toEqual([64, 100, 100]);
    expect(shapeFlag('8x8')).toEqual([8, 8]);
    expect(positiveInt('12')).toBe(12);
    expect(decayFactor('1')).toBe(1);
    for (const [f, bad] of [[layerList, '64'], [layerList, '64,0'], [shapeFlag, '8'], [positiveInt, '-3'], [positiveInt, '1.5'], [decayFactor, '1.5']] as const) {
      expect(() => (f as (s: string) => unknown)(bad)).toThrow(InvalidArgumentError);
    }
  });
});

describe('trainConfigOf', () => {
  it('fills per-model defaults', () => {
    const rbm = trainConfigOf(BASE);
    expect(rbm.method).toEqual({ method: 'pcd', k: 5 });
    expect(rbm.hidden).toEqual([20]);
    expect(trainConfigOf({ ...BASE, model: 'dbn', layers: [64, 10, 5] }).hidden).toEqual([10, 5]);
    expect(trainConfigOf({ ...BASE, model: 'sbn' }).method).toEqual({ method: 'sbn-gibbs' });
  });

  it('refuses contradictions with a UsageError naming the flag', () => {
    const cases: [Partial<TrainFlags>, string][] = [
      [{ model: 'tree' }, '--model'],
      [{ hidden: 3, layers: [64, 3] }, '--hidden/--layers'],
      [{ layers: [64, 3, 3] }, '--layers'],
      [{ model: 'dbn', hidden: 3 }, '--layers'],
      [{ method: { method: 'wake-sleep' } }, '--method'],
      [{ fineTune: 2 }, '--fine-tune'],
    ];
    for (const [flags, option] of cases) {
      let caught: unknown = null;
      try {
        trainConfigOf({ ...BASE, ...flags });
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(UsageError);
      expect((caught as UsageError).details['option']).toBe(option);
    }
  });
});
