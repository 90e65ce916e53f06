import React, {useRef, useState} from 'react';
import {FormattedMessage} from 'react-intl';

import {useUniqueId} from '../../components/unique_id';

import {copyText} from './copy_text';
import messages from './messages';

// The address of a feed just made, shown this once, with a Copy button.
export default function NewFeed({url, onDone}: {url: string; onDone: () => void}) {
    const id = useUniqueId('tl-feed-url');
    const input = useRef<HTMLInputElement>(null);
    const [copied, setCopied] = useState<boolean | null>(null);
    return (
        <div className='tl-feeds__new'>
            <label htmlFor={id}><FormattedMessage {...messages.address}/></label>
            <input
                id={id}
                ref={input}
                className='tl-input'
                readOnly={true}
                value={url}
                onFocus={(e) => e.target.select()}
            />
            <p className='tl-muted'><FormattedMessage {...messages.addressOnce}/></p>
            <div className='tl-filters'>
                <button
                    type='button'
                    className='tl-btn tl-btn--primary'
                    onClick={async () => setCopied(await copyText(url, input.current))}
                >
                    <FormattedMessage {...messages.copy}/>
                </button>
                <button
                    type='button'
                    className='tl-btn'
                    onClick={onDone}
                >
                    <FormattedMessage {...messages.done}/>
                </button>
                <span
                    role='status'
                    className='tl-muted'
                >
                    {copied === true && <FormattedMessage {...messages.copied}/>}
                    {copied === false && <FormattedMessage {...messages.copyByHand}/>}
                </span>
            </div>
        </div>
    );
}
