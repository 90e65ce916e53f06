import type {MarkedText as Marked} from '@throughline/contract';
import React from 'react';

// Plain text with the searched words in <mark>: the ranges cut the text into strings React
// escapes, so nothing in what someone wrote is ever read as markup.
export default function MarkedText({value}: {value: Marked}) {
    const parts: React.ReactNode[] = [];
    let at = 0;
    for (const m of value.marks) {
        if (m.start < at || m.end > value.text.length || m.end <= m.start) {
            continue;
        }
        if (m.start > at) {
            parts.push(value.text.slice(at, m.start));
        }
        parts.push(<mark key={m.start}>{value.text.slice(m.start, m.end)}</mark>);
        at = m.end;
    }
    parts.push(value.text.slice(at));
    return <>{parts}</>;
}
