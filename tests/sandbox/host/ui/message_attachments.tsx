// `props.attachments` of a post no plugin draws, as Mattermost's message_attachment_list: title,
// text, fields and the interactive buttons. A click goes to POST /api/v4/posts/:id/actions/:action_id
// (Client4.doPostAction), which relays it to the action's integration; the post's update arrives as
// post_edited, and the integration's ephemeral text becomes a post only the clicker sees.
import React, { useEffect, useRef, useState } from 'react';

import { Client4 } from 'mattermost-redux/client';

import { hostStore } from '../session';
import { dispatchWebSocketEvent, postedMessage } from '../websocket';

type Action = { id?: string; name?: string; type?: string; style?: string };
type Field = { title?: string; value?: unknown; short?: boolean };
type Attachment = {
  fallback?: string;
  color?: string;
  pretext?: string;
  title?: string;
  text?: string;
  fields?: Field[];
  actions?: Action[];
};

const randomId = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(26)), (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');

async function runAction(post: any, actionId: string): Promise<void> {
  const answer = (await Client4.doPostAction(post.id, actionId)) as { ephemeral_text?: string };
  const fresh: any = await Client4.getPost(post.id).catch(() => null);
  if (fresh && fresh.update_at !== post.update_at) {
    dispatchWebSocketEvent(postedMessage(fresh, 'post_edited'));
  }
  if (answer?.ephemeral_text) {
    // SendEphemeralPost: type system_ephemeral, in the clicked post's thread, from the clicker.
    const now = Date.now();
    const ephemeral = {
      id: randomId(),
      create_at: now,
      update_at: now,
      edit_at: 0,
      delete_at: 0,
      is_pinned: false,
      user_id: (hostStore().getState() as any).entities.users.currentUserId,
      channel_id: post.channel_id,
      root_id: post.root_id || post.id,
      original_id: '',
      message: answer.ephemeral_text,
      type: 'system_ephemeral',
      props: {},
      hashtags: '',
      pending_post_id: '',
      reply_count: 0,
      metadata: {},
    };
    dispatchWebSocketEvent(postedMessage(ephemeral, 'ephemeral_message'));
  }
}

function ActionButton(props: { post: any; action: Action }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The action's answer often replaces the post, unmounting this button before the request settles
  // (React 17 warns about a state update on an unmounted component).
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);
  if (!props.action.id || (props.action.type && props.action.type !== 'button')) {
    return null; // selects and apps bindings are not drawn here
  }
  return (
    <>
      <button
        type="button"
        className={'btn btn-sm sandbox-button' + (props.action.style === 'primary' ? ' sandbox-button--primary' : '')}
        data-action-id={props.action.id}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await runAction(props.post, props.action.id!);
          } catch (err) {
            if (mounted.current) {
              setError((err as Error).message || 'Action failed');
            }
          } finally {
            if (mounted.current) {
              setBusy(false);
            }
          }
        }}
      >
        {props.action.name ?? props.action.id}
      </button>
      {error && (
        <span role="alert" className="attachment-actions__error">
          {error}
        </span>
      )}
    </>
  );
}

export function MessageAttachments(props: { post: any }) {
  const attachments = props.post.props?.attachments as Attachment[] | undefined;
  if (!Array.isArray(attachments) || !attachments.length) {
    return null;
  }
  return (
    <div className="attachment-list">
      {attachments.map((a, i) => (
        <div key={i} className="attachment" style={{ borderLeftColor: a.color || undefined }}>
          {a.pretext && <div className="attachment__pretext">{a.pretext}</div>}
          {a.title && <h1 className="attachment__title">{a.title}</h1>}
          {a.text && <div className="attachment__body">{a.text}</div>}
          {Array.isArray(a.fields) && a.fields.length > 0 && (
            <div className="attachment-fields">
              {a.fields.map((f, j) => (
                <div key={j} className={'attachment-field' + (f.short ? ' attachment-field--short' : '')}>
                  <strong>{f.title}</strong>
                  <div>{String(f.value ?? '')}</div>
                </div>
              ))}
            </div>
          )}
          {Array.isArray(a.actions) && a.actions.length > 0 && (
            <div className="attachment-actions">
              {a.actions.map((action, j) => (
                <ActionButton key={action.id ?? j} post={props.post} action={action} />
              ))}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
