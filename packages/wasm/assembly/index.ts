// The stochnet kernels compiled to WebAssembly: every export takes byte
// addresses into the imported linear memory, which the JavaScript side
// manages (the module allocates nothing).
export { gemmF32, gemmF32Block, gemmF32Scratch } from './gemm-f32';
export { gemmF64, gemmF64Block, gemmF64Scratch } from './gemm-f64';
export { gemmDirectF32, gemmDirectF64, scaleF32, scaleF64 } from './gemm-direct';
export { biasSigmoidF32, biasSigmoidF64, sigmoidSimdF32 } from './sigmoid';
export * from './elementwise';

/** The first byte past the module's static data: the JavaScript side allocates from here. */
export function heapBase(): usize {
  return __heap_base;
}
export { selectRowsSum, selectRowsSumCols, selectedRowsOuter, selectedRowsOuterCols } from './binary';
export { philox4x32 } from './philox';
export { cdInit, cdPointer, cdLoaded, cdStep, pcdStep } from './cd';
export { counterSample, counterUniforms } from './cd-parts';
