import { createWasmBackend } from '@stochnet/wasm';
import { describeBackendConformance } from './backend-suite.js';

describeBackendConformance('wasm', () => createWasmBackend());
