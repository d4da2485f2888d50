import { expect, it } from 'vitest';
import { kernelChecks } from '@stochnet/model';

it('kernelChecks example', () => {
  let code = '';
  try {
    kernelChecks.length('myKernel', 'c', new Float32Array(3), 4, 'm·n');
  } catch (e) {
    code = (e as { code: string }).code;
  }
  expect(code).toBe('SHAPE');
  expect(() => kernelChecks.object('gemm', 'shape', null)).toThrow(expect.objectContaining({ code: 'SHAPE', details: expect.objectContaining({ argument: 'shape' }) }));
});
