import React, {useEffect, useRef, useState} from 'react';

type Props<T> = {
    items: T[];
    rowHeight: number;
    itemKey: (item: T) => string;
    renderRow: (item: T) => React.ReactNode;
    label?: string;
    overscan?: number;
};

// Before the first layout (and in jsdom) there is no height yet; assume a typical sidebar.
const FALLBACK_HEIGHT = 800;

// Renders only the rows in view: fixed row height, position from scrollTop. Thousands of rows stay cheap.
export default function VirtualList<T>({items, rowHeight, itemKey, renderRow, label, overscan = 6}: Props<T>) {
    const ref = useRef<HTMLDivElement>(null);
    const [view, setView] = useState({top: 0, height: 0});

    useEffect(() => {
        const el = ref.current;
        if (!el) {
            return undefined;
        }
        const measure = () => setView({top: el.scrollTop, height: el.clientHeight});
        measure();
        if (typeof ResizeObserver === 'function') {
            const observer = new ResizeObserver(measure);
            observer.observe(el);
            return () => observer.disconnect();
        }
        window.addEventListener('resize', measure);
        return () => window.removeEventListener('resize', measure);
    }, []);

    const height = view.height || FALLBACK_HEIGHT;
    const first = Math.max(0, Math.floor(view.top / rowHeight) - overscan);
    const last = Math.min(items.length, Math.ceil((view.top + height) / rowHeight) + overscan);
    const rows = [];
    for (let i = first; i < last; i++) {
        rows.push(
            <div
                key={itemKey(items[i])}
                role='listitem'
                aria-posinset={i + 1}
                aria-setsize={items.length}
                className='tl-vlist__row'
                style={{top: i * rowHeight, height: rowHeight}}
            >
                {renderRow(items[i])}
            </div>,
        );
    }

    return (
        <div
            ref={ref}
            className='tl-vlist'
            onScroll={(e) => setView({top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight})}
        >
            <div
                role='list'
                aria-label={label}
                className='tl-vlist__inner'
                style={{height: items.length * rowHeight}}
            >
                {rows}
            </div>
        </div>
    );
}
