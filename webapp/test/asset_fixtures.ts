import {screen} from '@testing-library/react';

import {FakeBackend} from './fake_backend';
import {ANNA, CHANNEL, OTHER_CHANNEL} from './fixtures';
import {boot} from './harness';

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

// The sidebar on its Assets tab, once the channel's project is known (so the Assets panel is there,
// and the project's permissions say which controls the user gets).
export async function openAssets(backend: FakeBackend, locale = 'en') {
    const ru = locale === 'ru';
    const env = boot({backend, locale});
    env.renderSidebar();
    await screen.findByLabelText(ru ? 'Проект' : 'Project');
    await env.user.click(screen.getByRole('tab', {name: ru ? 'Материалы' : 'Assets'}));
    return env;
}
