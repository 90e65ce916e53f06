import {screen} from '@testing-library/react';
import type {Decision} from '@throughline/contract';

import {FakeBackend} from './fake_backend';
import {ANNA, BORIS, CHANNEL, ME, OTHER_CHANNEL, REPLY_A, THREAD_ROOT, mmId, user} from './fixtures';
import {boot} from './harness';

export const GUEST = mmId('franchisee');

// A project over Kazan (the user's channel) and Samara (not theirs), a guest in Kazan, and the bot's cards.
export function seedDecisions(backend = new FakeBackend()) {
    const project = backend.addProject('Spring campaign', [CHANNEL, OTHER_CHANNEL]);
    backend.profiles[GUEST] = {...user(GUEST, 'franchisee', 'Farid', 'Guest'), roles: 'system_guest'};
    backend.members[CHANNEL] = [...backend.members[CHANNEL], GUEST];
    const add = (statement: string, extra: Partial<Decision> = {}) =>
        backend.decisions.add({project_id: project.id, statement, channel_ids: [CHANNEL, OTHER_CHANNEL], ...extra});
    return {backend, project, add};
}

// One of each: proposed (approver: the user), decided (Samara confirmed), revoked.
export function seedLog() {
    const seeded = seedDecisions();
    const {add, backend} = seeded;
    const proposed = add('Kazan keeps the old price until the 15th', {approver_id: ME, proposed_by: BORIS, source_post_id: THREAD_ROOT, source_text: 'Which slogan goes on the Kazan billboards?', permalink: 'http://mm.test/team/pl/' + THREAD_ROOT});
    const decided = add('Slogan B is final', {status: 'decided', proposed_by: ANNA, rationale: 'It tested best with franchisees.', source_post_id: REPLY_A, source_text: 'Slogan B is final: it tested best with franchisees.',
        quotes: [{post_id: THREAD_ROOT, user_id: BORIS, message: 'Which slogan goes on the Kazan billboards?', created_at: '2026-01-01T10:00:00.000Z'}]});
    backend.decisions.confirmAs(decided.id, OTHER_CHANNEL, ANNA);
    const revoked = add('Print flyers in Samara only', {status: 'revoked', revoke_reason: 'Budget moved to outdoor'});
    return {...seeded, proposed, decided, revoked};
}

// The sidebar on its Decisions tab, once the log (or its failure) shows.
export async function openDecisions(backend: FakeBackend, locale = 'en') {
    const ru = locale === 'ru';
    const env = boot({backend, locale});
    env.renderSidebar();
    await screen.findByLabelText(ru ? 'Проект' : 'Project');
    await env.user.click(screen.getByRole('tab', {name: ru ? 'Решения' : 'Decisions'}));
    return env;
}
