// Classic JSX runtime: the bundle must call the host's React.createElement (React 17 and 18).
module.exports = (api) => {
    const isTest = api.env('test');
    return {
        presets: [
            ['@babel/preset-env', {
                targets: isTest ? {node: 'current'} : 'chrome >= 88, firefox >= 91, safari >= 14, edge >= 88',
                modules: isTest ? 'commonjs' : false,
                bugfixes: true,
            }],
            ['@babel/preset-react', {runtime: 'classic'}],
            ['@babel/preset-typescript', {allowDeclareFields: true}],
        ],
    };
};
