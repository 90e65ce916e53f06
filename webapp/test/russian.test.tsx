import {act, screen, within} from '@testing-library/react';

import {boot, flush} from './harness';
import {POST} from './fixtures';

describe('Russian', () => {
    test('a Russian user gets ru.json from the plugin public files and Russian labels', async () => {
        const env = boot({locale: 'ru'});
        env.renderRoot();
        await flush();
        expect(env.backend.http.find('GET', /\/plugins\/throughline\/public\/i18n\/ru\.json$/)).toHaveLength(1);

        act(() => env.registry.clickPostMenuItem(0, POST));
        await flush();
        const dialog = screen.getByRole('dialog', {name: 'Новая задача'});
        expect(within(dialog).getByLabelText('Название')).toHaveValue('Print the new poster for Kazan');
        expect(within(dialog).getByLabelText('Исполнитель')).toBeInTheDocument();
        expect(within(dialog).getByLabelText('Срок')).toBeInTheDocument();
        expect(within(dialog).getByRole('button', {name: 'Создать задачу'})).toBeInTheDocument();

        // Texts the host renders (post menu item, tooltips) get the same messages through registerTranslations.
        const source = env.registry.translationSources[env.registry.translationSources.length - 1];
        expect(source('ru')['throughline.postMenu.createTask']).toBe('Создать задачу');
    });

    test('components re-render when the locale file arrives', async () => {
        const backend = new (await import('./fake_backend')).FakeBackend();
        const release = backend.http.hold('GET', /i18n\/ru\.json$/);
        const env = boot({locale: 'ru', backend});
        env.renderSidebar();
        await flush();
        expect(screen.getByRole('checkbox', {name: 'Mine'})).toBeInTheDocument();
        release();
        await flush();
        expect(screen.getByRole('checkbox', {name: 'Мои'})).toBeInTheDocument();
        expect(screen.getByText('Задач пока нет — щёлкните сообщение правой кнопкой, чтобы создать задачу.')).toBeInTheDocument();
    });

    test('a failed locale load keeps English and is not retried on every store change', async () => {
        const backend = new (await import('./fake_backend')).FakeBackend();
        backend.http.failNext('GET', /i18n\/ru\.json$/, 'network');
        const env = boot({locale: 'ru', backend});
        env.renderSidebar();
        await flush();
        for (let i = 0; i < 5; i++) {
            act(() => {
                env.store.dispatch({type: 'SOME_HOST_ACTION'});
            });
        }
        await flush();
        expect(backend.http.find('GET', /i18n\/ru\.json$/)).toHaveLength(1);
        expect(screen.getByRole('checkbox', {name: 'Mine'})).toBeInTheDocument();
    });

    test('an English user loads no locale file', async () => {
        const env = boot({locale: 'en'});
        await flush();
        expect(env.backend.http.find('GET', /i18n/)).toHaveLength(0);
    });
});
