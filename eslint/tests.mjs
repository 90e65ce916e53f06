import { typescript } from './common.mjs';

export default [
  ...typescript(['server-proxy/test/**/*.ts', 'tests/**/*.{ts,tsx}']),
  {
    files: ['server-proxy/test/**/*.ts', 'tests/**/*.{ts,tsx}'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off', 'max-lines': 'off' },
  },
];
