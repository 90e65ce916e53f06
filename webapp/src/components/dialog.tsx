import React, {useEffect, useRef} from 'react';
import {createPortal} from 'react-dom';

const FOCUSABLE = 'a[href],button:not([disabled]),input:not([disabled]),select:not([disabled]),textarea:not([disabled]),[tabindex]:not([tabindex="-1"])';

type Props = {
    labelledBy: string;
    onClose: () => void;
    children: React.ReactNode;
};

// A modal dialog: Escape closes, Tab stays inside, focus returns where it came from.
// Keys are watched on the document (capture), so they work even when focus has fallen to <body>
// and Mattermost's own shortcuts do not see them while the dialog is open.
export default function Dialog({labelledBy, onClose, children}: Props) {
    const ref = useRef<HTMLDivElement>(null);
    const onCloseRef = useRef(onClose);
    onCloseRef.current = onClose;

    useEffect(() => {
        const previous = document.activeElement as HTMLElement | null;
        const focusables = () => Array.from(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? []);
        (ref.current?.querySelector<HTMLElement>('[data-autofocus]') ?? focusables()[0])?.focus();

        const onKeyDown = (e: KeyboardEvent) => {
            if (e.key === 'Escape') {
                e.stopPropagation();
                e.preventDefault();
                onCloseRef.current();
                return;
            }
            if (e.key !== 'Tab') {
                return;
            }
            const nodes = focusables();
            if (!nodes.length) {
                return;
            }
            const first = nodes[0];
            const last = nodes[nodes.length - 1];
            const inside = ref.current?.contains(document.activeElement);
            if (!inside || (e.shiftKey && document.activeElement === first)) {
                e.preventDefault();
                (e.shiftKey ? last : first).focus();
            } else if (!e.shiftKey && document.activeElement === last) {
                e.preventDefault();
                first.focus();
            }
        };
        document.addEventListener('keydown', onKeyDown, true);
        return () => {
            document.removeEventListener('keydown', onKeyDown, true);
            if (previous && document.contains(previous)) {
                previous.focus();
            }
        };
    }, []);

    return createPortal(
        <div className='tl-backdrop'>
            <div
                ref={ref}
                role='dialog'
                aria-modal='true'
                aria-labelledby={labelledBy}
                className='tl-dialog'
            >
                {children}
            </div>
        </div>,
        document.body,
    );
}
