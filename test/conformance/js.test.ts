import { jsBackend } from '@stochnet/model';
import { describeBackendConformance } from './backend-suite.js';

describeBackendConformance('js', () => jsBackend);
