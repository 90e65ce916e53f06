// One lint gate for the repository: `make lint`. Each area keeps its rules in eslint/<area>.mjs.
import service from './eslint/service.mjs';
import tests from './eslint/tests.mjs';
import webapp from './eslint/webapp.mjs';

export default [
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'test-results/**',
      'bench/results/**',
      'webapp/src/manifest.ts',
      'tests/sandbox/fixtures/**',
    ],
  },
  ...service,
  ...webapp,
  ...tests,
];
