/**
 * @jest-environment node
 */
import {mkdtempSync, readFileSync, readdirSync, rmSync} from 'fs';
import {tmpdir} from 'os';
import {join} from 'path';
import {gzipSync} from 'zlib';

import webpack from 'webpack';

const config = jest.requireActual('../webpack.config.js');

let out: string;
let code: string;
let chunks: string[];

beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'throughline-bundle-'));
    const cfg = config({}, {mode: 'production'});
    cfg.output = {...cfg.output, path: out};
    await new Promise<void>((resolve, reject) => {
        webpack(cfg, (err, stats) => (err || stats?.hasErrors() ? reject(err ?? new Error(stats?.toString())) : resolve()));
    });
    code = readFileSync(join(out, 'main.js'), 'utf8');
    chunks = readdirSync(out).filter((f) => f !== 'main.js');
}, 120000);

afterAll(() => rmSync(out, {recursive: true, force: true}));

describe('the production bundle', () => {
    test('is main.js within the size budget, and the calendar feeds, decision, digest, My work, overview, rollout, shelf and search views as chunks of their own', () => {
        expect([...chunks].sort()).toEqual([
            expect.stringMatching(/^throughline-calendar\.[0-9a-f]{8}\.js$/),
            expect.stringMatching(/^throughline-decisions\.[0-9a-f]{8}\.js$/),
            expect.stringMatching(/^throughline-digests\.[0-9a-f]{8}\.js$/),
            expect.stringMatching(/^throughline-mywork\.[0-9a-f]{8}\.js$/),
            expect.stringMatching(/^throughline-overview\.[0-9a-f]{8}\.js$/),
            expect.stringMatching(/^throughline-rollouts\.[0-9a-f]{8}\.js$/),
            expect.stringMatching(/^throughline-search\.[0-9a-f]{8}\.js$/),
            expect.stringMatching(/^throughline-shelf\.[0-9a-f]{8}\.js$/),
            expect.stringMatching(/^throughline-surfaces\.[0-9a-f]{8}\.js$/),
        ]);
        expect(gzipSync(code, {level: 9}).length).toBeLessThanOrEqual(48 * 1024);
        expect(code).toContain('webpackChunkthroughline');

        // Each view's code and strings are in its chunk, fetched from the plugin's public files.
        for (const [name, id] of [['calendar', 'throughline.feeds.newPerson'], ['decisions', 'throughline.decision.list.label'], ['digests', 'throughline.digest.section.done'], ['overview', 'throughline.overview.heading'], ['rollouts', 'throughline.rollout.matrix'], ['search', 'throughline.search.results.label'], ['surfaces', 'throughline.banner.heading']]) {
            const chunk = readFileSync(join(out, chunks.find((c) => c.startsWith(`throughline-${name}.`))!), 'utf8');
            expect(chunk).toContain(id);
            expect(code).not.toContain(id);
            expect(code).toMatch(new RegExp(`"throughline-".*"${name}"`));
            expect(chunk).toContain('webpackChunkthroughline');
        }
    });

    test('the shelf and the late-downloads list are a chunk of their own too', () => {
        const shelf = chunks.filter((c) => /^throughline-shelf\.[0-9a-f]{8}\.js$/.test(c));
        expect(shelf).toHaveLength(1);
        const chunk = readFileSync(join(out, shelf[0]), 'utf8');
        expect(chunk).toContain('throughline.shelf.heading');
        expect(code).not.toContain('throughline.shelf.heading');
        expect(code).not.toContain('throughline.downloads.lateHeading');
        expect(code).toMatch(/"throughline-".*"shelf"/);
    });

    test('carries the search box, and the results view only as a chunk of its own', () => {
        const chunk = readFileSync(join(out, chunks.find((c) => c.startsWith('throughline-search.'))!), 'utf8');
        expect(code).toContain('throughline.search.label');
        for (const id of ['throughline.search.results.label', 'throughline.search.filter.kind', 'throughline.search.status.todo']) {
            expect(chunk).toContain(id);
            expect(code).not.toContain(id);
        }
    });

    test('takes React, ReactDOM, ReactIntl, Redux and ReactRedux from the host', () => {
        for (const global of ['React', 'ReactDOM', 'ReactIntl', 'Redux', 'ReactRedux']) {
            expect(code).toContain(`window.${global}`);
        }
        expect(code).not.toContain('__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED');
        expect(code).not.toContain('@@redux/INIT');
        expect(code).not.toContain('[React Intl]');
        expect(code).not.toMatch(/jsx-runtime|\bjsxs?\(/);
        expect(code).toContain('createElement');
    });

    test('does not carry Russian (loaded at runtime for Russian users only)', () => {
        for (const file of ['main.js', ...chunks]) {
            expect(readFileSync(join(out, file), 'utf8')).not.toMatch(/[а-яё]/i);
        }
    });
});
