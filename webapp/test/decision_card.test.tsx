import {act, screen, waitFor} from '@testing-library/react';

import {pluginState} from '../src/selectors';

import {seedDecisions} from './decision_fixtures';
import {FakeEventSource} from './fake_event_source';
import {ANNA, BOT, CHANNEL, ME, OTHER_CHANNEL, mmId, post} from './fixtures';
import {boot} from './harness';

const TYPE = 'custom_throughline_decision';

// A card as the bot posts it; the props are what it says at posting time, the message what mobile shows.
const card = (id: string, decision: Record<string, unknown>, extra: Record<string, unknown> = {}) => post(id.padEnd(26, 'x'), 'Decision: Slogan B is final. Confirm that your channel received it.', {
    type: TYPE as never,
    user_id: BOT,
    props: {decision},
    ...extra,
});

function setup() {
    const seeded = seedDecisions();
    const decided = seeded.add('Slogan B is final', {status: 'decided'});
    const props = (extra: Record<string, unknown> = {}) => ({decision_id: decided.id, channel_id: CHANNEL, status: 'proposed', statement: 'Old text from the props', superseded_by_id: null, ...extra});
    const env = boot({backend: seeded.backend});
    return {...seeded, ...env, decided, props};
}

describe('decision card post', () => {
    test('from the bot in its own channel: the decision as the service says, and Kazan confirms its receipt', async () => {
        const {backend, decided, props, renderPost, user, store} = setup();
        renderPost(card('carda', props()));
        expect(await screen.findByText('Slogan B is final')).toBeInTheDocument();
        expect(screen.queryByText('Old text from the props')).toBeNull();
        expect(screen.getByText('Decided')).toBeInTheDocument();
        await user.click(screen.getByRole('button', {name: 'Confirm receipt'}));
        expect(await screen.findByText(/^Receipt confirmed by Maria Ivanova,/)).toBeInTheDocument();
        expect(backend.http.find('POST', /\/receipts\//)[0].path).toBe(`/throughline-api/api/v1/decisions/${decided.id}/receipts/${CHANNEL}`);
        await user.click(screen.getByRole('button', {name: 'Open in the decision log'}));
        expect(pluginState(store.getState()).openDecisionId).toBe(decided.id);
    });

    test.each([['a person', ANNA], ['another bot', mmId('otherbot')]])('a forged card (posted by %s) shows only its text and asks for nothing', async (_who, author) => {
        const {backend, props, renderPost, store} = setup();
        renderPost(card('cardb', props(), {user_id: author}));
        await waitFor(() => expect(pluginState(store.getState()).botUserId).toBe(BOT));
        expect(screen.getByText(/^Decision: Slogan B is final\. Confirm/)).toBeInTheDocument();
        expect(screen.queryByRole('button', {name: 'Confirm receipt'})).toBeNull();
        expect(backend.http.find('GET', /\/decisions\//)).toHaveLength(0);
    });

    test('a bot\'s card whose props name another channel is not trusted either', async () => {
        const {backend, props, renderPost, store} = setup();
        renderPost(card('cardc', props({channel_id: OTHER_CHANNEL})));
        expect(screen.getByText(/^Decision: Slogan B is final\. Confirm/)).toBeInTheDocument();
        await waitFor(() => expect(pluginState(store.getState()).botUserId).toBe(BOT));
        expect(screen.queryByRole('button', {name: 'Confirm receipt'})).toBeNull();
        expect(backend.http.find('GET', /\/decisions\//)).toHaveLength(0);
    });

    test('a proposal card: the approver decides from it; it asks for no receipt yet', async () => {
        const {backend, add, props, renderPost, user} = setup();
        const proposed = add('Kazan keeps the old price', {approver_id: ME});
        renderPost(card('carde', props({decision_id: proposed.id})));
        expect(await screen.findByText('Kazan keeps the old price')).toBeInTheDocument();
        expect(screen.queryByRole('button', {name: 'Confirm receipt'})).toBeNull();
        await user.click(screen.getByRole('button', {name: 'Decide'}));
        expect(await screen.findByText('Decided')).toBeInTheDocument();
        expect(backend.http.find('POST', /\/decide$/)[0].path).toBe(`/throughline-api/api/v1/decisions/${proposed.id}/decide`);
        expect(screen.queryByRole('button', {name: 'Decide'})).toBeNull();
    });

    test('a superseded decision says by what, and asks for no receipt', async () => {
        const {backend, decided, props, renderPost, add} = setup();
        const next = add('Slogan C is final', {status: 'decided', supersedes_id: decided.id});
        Object.assign(backend.decisions.items.find((d) => d.id === decided.id)!, {status: 'superseded', superseded_by_id: next.id});
        renderPost(card('cardd', props()));
        expect(await screen.findByText('Superseded by “Slogan C is final”')).toBeInTheDocument();
        expect(screen.queryByRole('button', {name: 'Confirm receipt'})).toBeNull();
    });

    test('a confirmation made elsewhere shows up live', async () => {
        const {backend, decided, props, project, renderPost} = setup();
        renderPost(card('carde', props()));
        await screen.findByRole('button', {name: 'Confirm receipt'});
        act(() => FakeEventSource.latest().open(1));
        backend.decisions.confirmAs(decided.id, CHANNEL, ANNA);
        act(() => FakeEventSource.latest().send('decision.receipt_confirmed', {decision_id: decided.id, project_id: project.id}, 2));
        expect(await screen.findByText(/^Receipt confirmed by Anna Petrova/)).toBeInTheDocument();
        expect(screen.queryByRole('button', {name: 'Confirm receipt'})).toBeNull();
    });

    test('without usable props, the readable message is shown', async () => {
        const {renderPost, store} = setup();
        renderPost(card('cardf', {nope: true}));
        expect(screen.getByText(/^Decision: Slogan B is final\. Confirm/)).toBeInTheDocument();

        // The card still asks who the bot is; the test ends once that answer has been rendered.
        await waitFor(() => expect(pluginState(store.getState()).botUserId).toBe(BOT));
        expect(screen.getByText(/^Decision: Slogan B is final\. Confirm/)).toBeInTheDocument();
    });
});
