import {act, screen, waitFor, within} from '@testing-library/react';

import {openAssets, seedAssets} from './asset_fixtures';
import {BOT, CHANNEL, FILES_POST, POST, post} from './fixtures';
import {boot} from './harness';

describe('Russian', () => {
    test('a Russian user gets ru.json from the plugin public files and Russian labels', async () => {
        const env = boot({locale: 'ru'});
        env.renderRoot();
        expect(env.backend.http.find('GET', /\/plugins\/throughline\/public\/i18n\/ru\.json$/)).toHaveLength(1);

        act(() => env.registry.clickPostMenuItem(0, POST));
        const dialog = await screen.findByRole('dialog', {name: 'Новая задача'});
        expect(within(dialog).getByLabelText('Название')).toHaveValue('Print the new poster for Kazan');
        expect(within(dialog).getByLabelText('Исполнитель')).toBeInTheDocument();
        expect(within(dialog).getByLabelText('Срок')).toBeInTheDocument();
        expect(within(dialog).getByRole('button', {name: 'Создать задачу'})).toBeInTheDocument();

        // Texts the host renders (post menu item, tooltips) get the same messages through registerTranslations.
        const source = env.registry.translationSources[env.registry.translationSources.length - 1];
        expect(source('ru')['throughline.postMenu.createTask']).toBe('Создать задачу');
    });

    test('assets in Russian: tabs, the panel, approval, upload, receipts', async () => {
        const {backend} = seedAssets();
        const {user} = await openAssets(backend, 'ru');
        const list = await screen.findByRole('list', {name: 'Материалы'});
        expect(screen.getByRole('tab', {name: 'Задачи'})).toHaveAttribute('aria-selected', 'false');
        expect(screen.getByRole('tablist', {name: 'Разделы проекта'})).toBeInTheDocument();
        expect(list).toHaveTextContent('Утверждена: версия 2 · outdoor-v2.png');
        expect(list).toHaveTextContent('Подтвердили каналов: 1 из 2');
        expect(list).toHaveTextContent('Утверждённой версии пока нет');
        expect(screen.getByRole('button', {name: 'Новый материал'})).toBeInTheDocument();

        await user.click(screen.getByRole('button', {name: 'Outdoor 6×3, slogan B'}));
        expect(await screen.findByRole('table', {name: 'Получение версии 2'})).toHaveTextContent('Ожидает');
        expect(screen.getByRole('button', {name: 'Подтвердить получение для канала Kazan region'})).toBeInTheDocument();
        expect(screen.getByRole('listitem', {name: 'Версия 3'})).toHaveTextContent('Предложена');
        expect(screen.getByRole('listitem', {name: 'Версия 3'})).toHaveTextContent('14 Б');
        expect(screen.getByRole('listitem', {name: 'Версия 1'})).toHaveTextContent('Заменена');
        expect(screen.getByLabelText('Загрузить новую версию')).toBeInTheDocument();
        await user.click(screen.getByRole('button', {name: 'Утвердить версию 3'}));
        const dialog = screen.getByRole('dialog', {name: 'Утвердить версию 3'});
        expect(within(dialog).getByLabelText('Комментарий (необязательно)')).toBeInTheDocument();
        expect(within(dialog).getByRole('button', {name: 'Утвердить'})).toBeInTheDocument();
    });

    test('the approval card and the add-version dialog in Russian', async () => {
        const {backend, outdoor, v2} = seedAssets();
        const env = boot({locale: 'ru', backend});
        env.renderRoot();
        env.renderPost(post('cardrux'.padEnd(26, 'x'), 'fallback', {
            type: 'custom_throughline_approval' as never,
            user_id: BOT,
            props: {approval: {asset_id: outdoor.id, version_id: v2.id, channel_id: CHANNEL, version_number: 2, asset_name: outdoor.name, file_name: 'outdoor-v2.png'}},
        }));
        expect(await screen.findByRole('button', {name: 'Подтвердить получение'})).toBeInTheDocument();
        expect(screen.getByText('Утверждённая версия')).toBeInTheDocument();
        expect(screen.getByText('Версия 2 · outdoor-v2.png')).toBeInTheDocument();

        act(() => env.registry.clickPostMenuItem(1, FILES_POST));
        const dialog = await screen.findByRole('dialog', {name: 'Добавить файл как версию материала'});
        expect(within(dialog).getByLabelText('Файл')).toBeInTheDocument();
        await waitFor(() => expect(within(within(dialog).getByLabelText('Материал')).getAllByRole('option').pop()).toHaveTextContent('Новый материал…'));
        expect(within(dialog).getByRole('button', {name: 'Добавить версию'})).toBeInTheDocument();
        const source = env.registry.translationSources[env.registry.translationSources.length - 1];
        expect(source('ru')['throughline.assets.fileMenu']).toBe('Добавить как версию материала');
        expect(source('ru')['throughline.postMenu.addAssetVersion']).toBe('Добавить файл как версию материала');
    });

    test('a refused action reads in Russian, not in the service\'s English', async () => {
        const {backend} = seedAssets();
        const {user} = await openAssets(backend, 'ru');
        await user.click(await screen.findByRole('button', {name: 'Outdoor 6×3, slogan B'}));
        backend.http.failNext('POST', /\/reject$/, {status: 403, data: {error: {code: 'forbidden', message: 'Guests cannot approve or reject versions'}}});
        await user.click(await screen.findByRole('button', {name: 'Отклонить версию 3'}));
        const dialog = screen.getByRole('dialog', {name: 'Отклонить версию 3'});
        await user.click(within(dialog).getByRole('button', {name: 'Отклонить'}));
        const alert = await within(dialog).findByRole('alert');
        expect(alert).toHaveTextContent('У вас нет прав на это действие здесь.');
        expect(alert).not.toHaveTextContent('Guests');
    });

    // Mattermost's order: loadTranslations asks the plugins as it starts, our ru.json arrives, then the host's own.
    test('host-rendered texts turn Russian when the host\'s locale file arrives after ours', async () => {
        const backend = new (await import('./fake_backend')).FakeBackend();
        const env = boot({locale: 'ru', backend});
        const hostFileArrives = env.registry.loadHostTranslations(env.store, 'ru', {'channel_header.pinned': 'Закреплённые'});
        env.renderSidebar();
        expect(await screen.findByRole('checkbox', {name: 'Мои'})).toBeInTheDocument();
        expect(env.store.getState().views.i18n.translations.ru).toBeUndefined();
        act(() => {
            hostFileArrives();
        });
        const ru = env.store.getState().views.i18n.translations.ru;
        expect(ru['channel_header.pinned']).toBe('Закреплённые');
        expect(ru['throughline.postMenu.createTask']).toBe('Создать задачу');
        expect(ru['throughline.postMenu.addAssetVersion']).toBe('Добавить файл как версию материала');
        expect(ru['throughline.sidebar.tooltip']).toBe('Открыть панель проекта');
    });

    test('host-rendered texts turn Russian when the host\'s locale file arrives first', async () => {
        const backend = new (await import('./fake_backend')).FakeBackend();
        const release = backend.http.hold('GET', /i18n\/ru\.json$/);
        const env = boot({locale: 'ru', backend});
        act(() => {
            env.registry.loadHostTranslations(env.store, 'ru', {'channel_header.pinned': 'Закреплённые'})();
        });
        expect(env.store.getState().views.i18n.translations.ru['throughline.postMenu.createTask']).toBeUndefined();
        release();
        await waitFor(() => expect(env.store.getState().views.i18n.translations.ru['throughline.postMenu.createTask']).toBe('Создать задачу'));
        expect(env.store.getState().views.i18n.translations.ru['channel_header.pinned']).toBe('Закреплённые');
    });

    test('components re-render when the locale file arrives', async () => {
        const backend = new (await import('./fake_backend')).FakeBackend();
        const release = backend.http.hold('GET', /i18n\/ru\.json$/);
        const env = boot({locale: 'ru', backend});
        env.renderSidebar();
        expect(await screen.findByText('No tasks yet — right-click a message to create one.')).toBeInTheDocument();
        expect(screen.getByRole('checkbox', {name: 'Mine'})).toBeInTheDocument();
        release();
        expect(await screen.findByRole('checkbox', {name: 'Мои'})).toBeInTheDocument();
        expect(screen.getByText('Задач пока нет — щёлкните сообщение правой кнопкой, чтобы создать задачу.')).toBeInTheDocument();
    });

    test('a failed locale load keeps English and is not retried on every store change', async () => {
        const backend = new (await import('./fake_backend')).FakeBackend();
        backend.http.failNext('GET', /i18n\/ru\.json$/, 'network');
        const env = boot({locale: 'ru', backend});
        env.renderSidebar();
        expect(await screen.findByText('No tasks yet — right-click a message to create one.')).toBeInTheDocument();
        for (let i = 0; i < 5; i++) {
            act(() => {
                env.store.dispatch({type: 'SOME_HOST_ACTION'});
            });
        }
        expect(backend.http.find('GET', /i18n\/ru\.json$/)).toHaveLength(1);
        expect(screen.getByRole('checkbox', {name: 'Mine'})).toBeInTheDocument();
    });

    test('an English user loads no locale file', async () => {
        const env = boot({locale: 'en'});
        expect(env.backend.http.find('GET', /i18n/)).toHaveLength(0);
    });
});
