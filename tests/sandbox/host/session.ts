// Things every host component needs that are not Redux state: the store and the sandbox config.
import { PROFILES, type HostProfile } from './profile';
import type { HostStore } from './store';

export type SandboxUserOption = { key: string; label: string; login_id: string; password: string };

export type SandboxConfig = {
  users: SandboxUserOption[];
  plugins: Array<{ kind: string; bundle: boolean }>;
  defaultTeam: string | null;
  defaultChannel: string | null;
  serviceBasePath: string;
};

export const session: { store: HostStore | null; config: SandboxConfig | null; profile: HostProfile } = {
  store: null,
  config: null,
  // Set by boot from the host's React (profile.ts).
  profile: PROFILES['18'],
};

export function hostStore(): HostStore {
  if (!session.store) {
    throw new Error('host store not created yet');
  }
  return session.store;
}
