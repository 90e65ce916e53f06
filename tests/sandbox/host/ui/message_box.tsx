// The message box (`#post_textbox` in the center, `#reply_textbox` in a thread, as in Mattermost):
// Enter sends, Shift+Enter starts a new line, a hook's or the server's refusal shows under it;
// Mattermost 12's composer banners are drawn above it.
import React, { useState } from 'react';

import { submitDraft } from '../posting';
import { hostStore } from '../session';
import { ComposerBanner } from './composer_banner';

type Props = { channelId: string; teamId: string; rootId?: string; placeholder: string };

export function MessageBox(props: Props) {
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const id = props.rootId ? 'reply_textbox' : 'post_textbox';

  const send = async () => {
    if (sending || !message.trim()) {
      return;
    }
    setSending(true);
    setError(null);
    const result = await submitDraft(hostStore(), { message, channelId: props.channelId, teamId: props.teamId, rootId: props.rootId });
    setSending(false);
    if (result.error) {
      setError(result.error);
    } else {
      setMessage('');
    }
  };

  return (
    <div className="sandbox-message-box">
      <ComposerBanner channelId={props.channelId} />
      <textarea
        id={id}
        aria-label={props.placeholder}
        placeholder={props.placeholder}
        value={message}
        rows={2}
        onChange={(e) => setMessage(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            void send();
          }
        }}
      />
      <button type="button" className="sandbox-button" disabled={sending || !message.trim()} onClick={() => void send()}>
        {'Send'}
      </button>
      {error && (
        <div className="sandbox-message-box__error" role="alert" data-testid={`${id}_error`}>
          {error}
        </div>
      )}
    </div>
  );
}
