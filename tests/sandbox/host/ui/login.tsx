import React from 'react';

import { UserSwitcher } from './top_bar';

export function LoginScreen(props: { error?: string | null }) {
  return (
    <div className="sandbox-login">
      <div className="sandbox-banner">
        <strong>{'Throughline sandbox — not Mattermost'}</strong>
      </div>
      <div className="sandbox-login__box">
        <h1>{'Log in to the sandbox'}</h1>
        <p>{'Each user logs in through the Mattermost stand-in, which sets the real MMAUTHTOKEN, MMUSERID and MMCSRF cookies.'}</p>
        <UserSwitcher />
        {props.error && <p role="alert">{props.error}</p>}
      </div>
    </div>
  );
}
