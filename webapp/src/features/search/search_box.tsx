import React, {useState} from 'react';
import {useIntl} from 'react-intl';

import {SEARCH_LIMITS} from './limits';
import messages from './messages';

type Props = {
    value: string;
    onSearch: (q: string) => void;
};

// The sidebar's one search box: Enter searches, Escape (or emptying it) goes back to the tabs.
export default function SearchBox({value, onSearch}: Props) {
    const intl = useIntl();
    const [text, setText] = useState(value);
    const [last, setLast] = useState(value);
    if (value !== last) {
        setLast(value);
        setText(value);
    }
    return (
        <form
            role='search'
            className='tl-search'
            onSubmit={(e) => {
                e.preventDefault();
                onSearch(text.trim());
            }}
        >
            <input
                type='search'
                className='tl-input'
                aria-label={intl.formatMessage(messages.label)}
                placeholder={intl.formatMessage(messages.placeholder)}
                maxLength={SEARCH_LIMITS.queryMax}
                value={text}
                onChange={(e) => {
                    setText(e.target.value);
                    if (!e.target.value) {
                        onSearch('');
                    }
                }}
                onKeyDown={(e) => {
                    if (e.key === 'Escape') {
                        setText('');
                        onSearch('');
                    }
                }}
            />
        </form>
    );
}
