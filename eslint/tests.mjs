import { typescript } from './common.mjs';

export default [
  ...typescript(['server-proxy/test/**/*.ts', 'tests/**/*.{ts,tsx}', 'scripts/**/*.mts']),
  {
    files: ['server-proxy/test/**/*.ts', 'tests/**/*.{ts,tsx}', 'scripts/**/*.mts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off', 'max-lines': 'off' },
  },
];
