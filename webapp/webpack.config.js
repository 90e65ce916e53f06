const path = require('path');

// Host globals (MATTERMOST.md): never bundled.
const externals = {
    react: 'React',
    'react-dom': 'ReactDOM',
    'react-intl': 'ReactIntl',
    redux: 'Redux',
    'react-redux': 'ReactRedux',
    'react-bootstrap': 'ReactBootstrap',
    'react-router-dom': 'ReactRouterDom',
    'prop-types': 'PropTypes',
    luxon: 'Luxon',
};

module.exports = (env, argv) => ({
    mode: argv.mode || 'production',
    entry: './src/index.tsx',
    output: {
        path: path.join(__dirname, 'dist'),
        filename: 'main.js',

        // Views only some users open are chunks of their own, copied to ../public (copy-public.mjs)
        // and fetched from /plugins/<id>/public/ (the path is set at runtime: src/public_path.ts).
        chunkFilename: 'throughline-[name].[contenthash:8].js',
        publicPath: '',

        // The host page runs webpack too: our chunk registry must not be its.
        uniqueName: 'throughline',
        clean: true,
    },
    resolve: {
        extensions: ['.ts', '.tsx', '.js', '.mjs'],
    },
    module: {
        rules: [{
            test: /\.[jt]sx?$/,
            exclude: /node_modules/,

            // envName fixed so a build run under jest (NODE_ENV=test) is still the browser build.
            use: {loader: 'babel-loader', options: {cacheDirectory: true, envName: argv.mode || 'production'}},
        }],
    },
    externals,
    externalsType: 'window',
    devtool: false,
    performance: {hints: false},
    optimization: {splitChunks: false, runtimeChunk: false},
});
