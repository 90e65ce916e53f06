import { typescript } from './common.mjs';

export default [...typescript(['webapp/src/**/*.{ts,tsx}', 'webapp/test/**/*.{ts,tsx}'])];
