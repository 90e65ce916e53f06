import { typescript } from './common.mjs';

export default [...typescript(['server-proxy/src/**/*.ts', 'contract/src/**/*.ts'])];
