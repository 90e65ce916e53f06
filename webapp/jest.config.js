const path = require('path');

// One React for everything under test. The workspace root may hoist another React
// (another workspace's React 17 aliases pull one in), which libraries there would pick up.
// TEST_REACT=19 runs the suite on React 19 (the tests/react19 workspace, as Mattermost 12).
const reactFrom = process.env.TEST_REACT === '19' ? path.join(__dirname, '../tests/react19') : __dirname;
const fromHere = (name) => path.dirname(require.resolve(name + '/package.json', {paths: [reactFrom]}));

module.exports = {
    testEnvironment: 'jsdom',
    roots: ['<rootDir>/src', '<rootDir>/test'],
    testMatch: ['**/*.test.ts', '**/*.test.tsx'],
    setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],

    // Tests wait for what they expect, never for a fixed time; this only stops one that hangs.
    // A loaded machine may need several seconds for a long flow, so the default 5 s is too tight.
    testTimeout: 60000,
    moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'json'],
    moduleNameMapper: {
        '^react$': fromHere('react'),
        '^react/(.*)$': fromHere('react') + '/$1',
        '^react-dom$': fromHere('react-dom'),
        '^react-dom/(.*)$': fromHere('react-dom') + '/$1',
    },
};
