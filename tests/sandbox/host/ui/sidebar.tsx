import React from 'react';
import { useSelector } from 'react-redux';

import { openChannel } from '../navigation';

function ChannelIcon(props: { type: string }) {
  if (props.type !== 'P') {
    return <span className="sandbox-channel-icon">{'#'}</span>;
  }
  return (
    <svg className="sandbox-channel-icon" viewBox="0 0 16 16" width="12" height="12" aria-label="private">
      <rect x="3" y="7" width="10" height="7" rx="1" fill="currentColor" />
      <path d="M5 7V5a3 3 0 0 1 6 0v2" stroke="currentColor" strokeWidth="1.6" fill="none" />
    </svg>
  );
}

export function Sidebar() {
  const teamsById = useSelector((state: any) => state.entities.teams.teams) as Record<string, any>;
  const teams = Object.values(teamsById);
  const channelsByTeam = useSelector((state: any) => state.entities.channels.channelsInTeam) as Record<string, string[] | Set<string>>;
  const channels = useSelector((state: any) => state.entities.channels.channels);
  const currentChannelId = useSelector((state: any) => state.entities.channels.currentChannelId);

  return (
    <nav id="SidebarContainer" className="sandbox-sidebar" aria-label="channels">
      {teams.length === 0 && <p className="sandbox-muted">{'No teams for this user.'}</p>}
      {teams.map((team) => {
        const ids = [...(channelsByTeam[team.id] ?? [])];
        const list = ids
          .map((id) => channels[id])
          .filter((c) => c && c.delete_at === 0)
          .sort((a, b) => (a.display_name || a.name).localeCompare(b.display_name || b.name));
        return (
          <section key={team.id} className="sandbox-sidebar__team">
            <h2>{team.display_name}</h2>
            <ul>
              {list.map((c) => (
                <li key={c.id}>
                  <a
                    id={`sidebarItem_${c.name}`}
                    href={`/${team.name}/channels/${c.name}`}
                    className={c.id === currentChannelId ? 'active' : ''}
                    aria-current={c.id === currentChannelId ? 'page' : undefined}
                    onClick={(e) => {
                      e.preventDefault();
                      void openChannel(c.id);
                    }}
                  >
                    <ChannelIcon type={c.type} />
                    {c.display_name || c.name}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </nav>
  );
}
