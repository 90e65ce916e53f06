import React, {useEffect, useLayoutEffect, useMemo, useRef} from 'react';
import {createPortal} from 'react-dom';
import {FormattedMessage, useIntl} from 'react-intl';

import {menuClosed} from '../../actions';
import {useAppDispatch, useAppSelector, useAppStore} from '../../hooks';
import {pluginState} from '../../selectors';

import messages from './messages';
import {availableActions} from './post_actions';

const MARGIN = 4;

// Throughline's own menu at the cursor, opened by the right-click listener.
export default function PostMenu() {
    const menu = useAppSelector((s) => pluginState(s).menu);
    if (!menu) {
        return null;
    }
    return (
        <MenuAt
            key={`${menu.postId}:${menu.x}:${menu.y}`}
            {...menu}
        />
    );
}

function MenuAt({postId, x, y}: {postId: string; x: number; y: number}) {
    const intl = useIntl();
    const store = useAppStore();
    const dispatch = useAppDispatch();
    const ref = useRef<HTMLUListElement>(null);
    const actions = useMemo(() => availableActions(store.getState(), postId), [store, postId]);

    const items = () => Array.from(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const close = () => dispatch(menuClosed());

    // Place inside the viewport, focus the first item, give focus back on close.
    useLayoutEffect(() => {
        const el = ref.current;
        const previous = document.activeElement as HTMLElement | null;
        if (el) {
            const {width, height} = el.getBoundingClientRect();
            el.style.left = Math.max(MARGIN, Math.min(x, window.innerWidth - width - MARGIN)) + 'px';
            el.style.top = Math.max(MARGIN, Math.min(y, window.innerHeight - height - MARGIN)) + 'px';
            items()[0]?.focus();
        }
        return () => {
            if (previous && previous !== document.body && document.contains(previous)) {
                previous.focus();
            }
        };
    }, [x, y]);

    useEffect(() => {
        const onDown = (e: MouseEvent) => {
            if (!ref.current?.contains(e.target as Node)) {
                dispatch(menuClosed());
            }
        };
        const onAway = () => dispatch(menuClosed());
        document.addEventListener('mousedown', onDown, true);
        window.addEventListener('blur', onAway);
        window.addEventListener('resize', onAway);
        document.addEventListener('scroll', onAway, true);
        return () => {
            document.removeEventListener('mousedown', onDown, true);
            window.removeEventListener('blur', onAway);
            window.removeEventListener('resize', onAway);
            document.removeEventListener('scroll', onAway, true);
        };
    }, [dispatch]);

    const onKeyDown = (e: React.KeyboardEvent) => {
        const list = items();
        const at = list.indexOf(document.activeElement as HTMLElement);
        const move = (i: number) => list[(i + list.length) % list.length]?.focus();
        switch (e.key) {
        case 'ArrowDown':
            move(at + 1);
            break;
        case 'ArrowUp':
            move(at < 0 ? -1 : at - 1);
            break;
        case 'Home':
            move(0);
            break;
        case 'End':
            move(-1);
            break;
        case 'Escape':
        case 'Tab':
            close();
            break;
        case 'Enter':
        case ' ':
            (document.activeElement as HTMLElement | null)?.click();
            break;
        default:
            return;
        }
        e.preventDefault();
        e.stopPropagation();
    };

    return createPortal(
        <ul
            ref={ref}
            role='menu'
            aria-label={intl.formatMessage(messages.menuLabel)}
            className='tl-menu'
            onKeyDown={onKeyDown}
        >
            {actions.map((action) => (
                <li
                    key={action.id}
                    role='none'
                >
                    <button
                        type='button'
                        role='menuitem'
                        tabIndex={-1}
                        className='tl-menu__item'
                        onClick={() => {
                            close();
                            action.run(dispatch, postId);
                        }}
                    >
                        <FormattedMessage {...action.label}/>
                    </button>
                </li>
            ))}
        </ul>,
        document.body,
    );
}
