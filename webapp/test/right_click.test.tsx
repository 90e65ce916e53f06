import {act, fireEvent, screen} from '@testing-library/react';

import {modalOpened} from '../src/actions';
import {postActions} from '../src/features/post_menu';
import {pluginState} from '../src/selectors';

import {POST, SYSTEM_POST} from './fixtures';
import {boot, mountPostElement, rightClick} from './harness';

let el: HTMLElement;

function setup() {
    const env = boot();
    env.renderRoot();
    el = mountPostElement(POST, '<p>Print the <a href="https://example.com">new</a> poster <img alt="p" src="x.png"> <input aria-label="i"></p><div contenteditable="true">edit</div>');
    return env;
}

const message = () => el.querySelector('p')!;

describe('right-click on a post', () => {
    test('opens our menu at the cursor with Create task focused; Enter activates', async () => {
        const {store, user} = setup();
        const {prevented} = rightClick(message());
        expect(prevented).toBe(true);
        const menu = screen.getByRole('menu', {name: 'Throughline actions'});
        expect(menu.style.left).toBe('40px');
        expect(menu.style.top).toBe('60px');
        const item = screen.getByRole('menuitem', {name: 'Create task'});
        expect(item).toHaveFocus();
        await user.keyboard('{Enter}');
        expect(screen.queryByRole('menu')).toBeNull();
        expect(pluginState(store.getState()).modal).toEqual({postId: POST});
        expect(await screen.findByRole('dialog', {name: 'Create task'})).toBeInTheDocument();
    });

    test('works in the thread view too (#rhsPost_<id>), whatever the nesting', async () => {
        const {store, user} = setup();
        const rhs = document.createElement('div');
        rhs.id = 'post_list_rhs';
        const post = mountPostElement(POST, '<p>In the thread</p>', 'rhs');
        rhs.appendChild(post);
        document.body.appendChild(rhs);
        expect(post.id).toBe('rhsPost_' + POST);
        expect(rightClick(post.querySelector('p')!).prevented).toBe(true);
        await user.click(screen.getByRole('menuitem', {name: 'Create task'}));
        expect(pluginState(store.getState()).modal).toEqual({postId: POST});
        expect(await screen.findByRole('dialog', {name: 'Create task'})).toBeInTheDocument();
    });

    test('ignores look-alike ids in the thread view', () => {
        setup();
        const other = document.createElement('div');
        other.id = 'rhsPostMessageText_' + POST;
        other.innerHTML = '<p>text</p>';
        document.body.appendChild(other);
        expect(rightClick(other.querySelector('p')!).prevented).toBe(false);
    });

    test.each([
        ['a link', () => el.querySelector('a')!],
        ['an image', () => el.querySelector('img')!],
        ['an input', () => el.querySelector('input')!],
        ['editable text', () => el.querySelector('[contenteditable]')!],
    ])('leaves the browser menu on %s', (_name, target) => {
        const {store} = setup();
        expect(rightClick(target()).prevented).toBe(false);
        expect(pluginState(store.getState()).menu).toBeNull();
    });

    test('leaves the browser menu when text is selected', () => {
        setup();
        const range = document.createRange();
        range.selectNodeContents(message());
        window.getSelection()!.addRange(range);
        expect(rightClick(message()).prevented).toBe(false);
        expect(screen.queryByRole('menu')).toBeNull();
    });

    test('Shift+right-click gives the browser menu', () => {
        setup();
        expect(rightClick(message(), {shiftKey: true}).prevented).toBe(false);
        expect(screen.queryByRole('menu')).toBeNull();
    });

    test('a second right-click closes ours and gives the browser menu', () => {
        setup();
        rightClick(message());
        expect(screen.getByRole('menu')).toBeInTheDocument();
        expect(rightClick(message()).prevented).toBe(false);
        expect(screen.queryByRole('menu')).toBeNull();
    });

    test('not on system posts, nor outside posts', () => {
        setup();
        const sys = mountPostElement(SYSTEM_POST);
        expect(rightClick(sys).prevented).toBe(false);
        const other = document.createElement('div');
        other.id = 'post_textbox';
        document.body.appendChild(other);
        expect(rightClick(other).prevented).toBe(false);
        expect(screen.queryByRole('menu')).toBeNull();
    });

    test('Escape and a click outside close it', async () => {
        const {user} = setup();
        rightClick(message());
        await user.keyboard('{Escape}');
        expect(screen.queryByRole('menu')).toBeNull();

        rightClick(message());
        expect(screen.getByRole('menu')).toBeInTheDocument();
        fireEvent.mouseDown(document.body);
        expect(screen.queryByRole('menu')).toBeNull();
    });

    test('arrow keys, Home and End move through the items', async () => {
        const extra = [
            {id: 'extra', label: {id: 'test.extra', defaultMessage: 'Another action'}, isAvailable: () => true, run: jest.fn()},
        ];
        postActions.push(...extra);
        try {
            const {user} = setup();
            rightClick(message());
            const [create, decision, another] = screen.getAllByRole('menuitem');
            expect(decision).toHaveTextContent('Record as decision');
            expect(create).toHaveFocus();
            await user.keyboard('{ArrowDown}');
            expect(decision).toHaveFocus();
            await user.keyboard('{ArrowDown}{ArrowDown}');
            expect(create).toHaveFocus();
            await user.keyboard('{ArrowUp}');
            expect(another).toHaveFocus();
            await user.keyboard('{Home}');
            expect(create).toHaveFocus();
            await user.keyboard('{End}');
            expect(another).toHaveFocus();
            await user.keyboard('{Enter}');
            expect(extra[0].run).toHaveBeenCalledWith(expect.any(Function), POST);
        } finally {
            postActions.splice(postActions.length - extra.length, extra.length);
        }
    });

    test('the preference turns it off', () => {
        localStorage.setItem('throughline.rightClick', 'false');
        setup();
        expect(rightClick(message()).prevented).toBe(false);
    });

    test('opening the modal closes the menu', async () => {
        const {store} = setup();
        rightClick(message());
        act(() => {
            store.dispatch(modalOpened(POST));
        });
        expect(screen.queryByRole('menu')).toBeNull();
        expect(await screen.findByRole('dialog', {name: 'Create task'})).toBeInTheDocument();
    });
});
