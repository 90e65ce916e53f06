// The sandbox's banner: plainly not Mattermost, with the switches a tester needs.
import React, { useState } from 'react';
import { useSelector } from 'react-redux';

import { getCurrentUser } from 'mattermost-redux/selectors/entities/users';

import { recorder } from '../recorder';
import { session } from '../session';
import { setDarkTheme, setLocale, storedDark, switchUser } from '../switches';
import { currentLocale } from '../translations';

export function UserSwitcher(props: { currentUsername?: string }) {
  const users = session.config?.users ?? [];
  const [error, setError] = useState<string | null>(null);
  const current = users.find((u) => u.login_id === props.currentUsername);
  return (
    <label className="sandbox-switch">
      {'User '}
      <select id="sandbox-user-switcher" value={current?.key ?? ''} onChange={async (e) => setError(await switchUser(e.target.value))}>
        {!current && <option value="">{'— choose —'}</option>}
        {users.map((u) => (
          <option key={u.key} value={u.key}>
            {u.label}
          </option>
        ))}
      </select>
      {error && <span role="alert">{error}</span>}
    </label>
  );
}

export function TopBar(props: { onToggleDebug: () => void }) {
  const me = useSelector(getCurrentUser) as any;
  const locale = useSelector(currentLocale);
  const [dark, setDark] = useState(storedDark());
  const react = recorder().react;
  return (
    <div className="sandbox-banner" role="banner">
      <strong className="sandbox-banner__label">{'Throughline sandbox — not Mattermost'}</strong>
      <span className="sandbox-badge">{`React ${react}`}</span>
      <span className="sandbox-badge">{'live: polling'}</span>
      <span className="sandbox-banner__spacer" />
      <UserSwitcher currentUsername={me?.username} />
      <label className="sandbox-switch">
        {'Language '}
        <select id="sandbox-locale-switcher" value={locale} onChange={(e) => setLocale(e.target.value)}>
          <option value="en">{'English'}</option>
          <option value="ru">{'Русский'}</option>
        </select>
      </label>
      <label className="sandbox-switch">
        <input
          id="sandbox-dark-toggle"
          type="checkbox"
          checked={dark}
          onChange={(e) => {
            setDark(e.target.checked);
            setDarkTheme(e.target.checked);
          }}
        />
        {' Dark'}
      </label>
      <button type="button" className="sandbox-button sandbox-button--quiet" onClick={props.onToggleDebug}>
        {'Debug'}
      </button>
    </div>
  );
}
