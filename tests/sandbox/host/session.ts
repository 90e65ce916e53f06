// Things every host component needs that are not Redux state: the store and the sandbox config.
import type { HostStore } from './store';

export type SandboxUserOption = { key: string; label: string; login_id: string; password: string };

export type SandboxConfig = {
  users: SandboxUserOption[];
  plugins: Array<{ kind: string; bundle: boolean }>;
  defaultTeam: string | null;
  defaultChannel: string | null;
  serviceBasePath: string;
};

export const session: { store: HostStore | null; config: SandboxConfig | null } = { store: null, config: null };

export function hostStore(): HostStore {
  if (!session.store) {
    throw new Error('host store not created yet');
  }
  return session.store;
}
