import {screen} from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import {FakeBackend} from './fake_backend';
import {ANNA, CHANNEL, OTHER_CHANNEL} from './fixtures';
import {boot, flush} from './harness';

// A project over two channels; "Outdoor" has v1 superseded, v2 approved (Samara confirmed), v3 proposed.
export function seedAssets(backend = new FakeBackend()) {
    const project = backend.addProject('Spring campaign', [CHANNEL, OTHER_CHANNEL]);
    const outdoor = backend.assets.add(project.id, 'Outdoor 6×3, slogan B', [CHANNEL, OTHER_CHANNEL]);
    const v1 = backend.assets.addVersion(outdoor.id, {file_name: 'outdoor-v1.png', state: 'approved'});
    const v2 = backend.assets.addVersion(outdoor.id, {file_name: 'outdoor-v2.png', state: 'approved', comment: 'Slogan B, final'});
    const v3 = backend.assets.addVersion(outdoor.id, {file_name: 'outdoor-v3.png', added_by: ANNA});
    backend.assets.confirmAs(outdoor.id, OTHER_CHANNEL, ANNA);
    const flyer = backend.assets.add(project.id, 'Flyer A5', [CHANNEL]);
    return {backend, project, outdoor, flyer, v1, v2, v3};
}

export async function openAssets(backend: FakeBackend, locale = 'en') {
    const user = userEvent.setup();
    const env = boot({backend, locale});
    env.renderSidebar();
    await flush();
    await user.click(screen.getByRole('tab', {name: locale === 'ru' ? 'Материалы' : 'Assets'}));
    await flush();
    return {...env, user};
}

