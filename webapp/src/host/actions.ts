import type {Channel} from '@mattermost/types/channels';
import type {UserProfile} from '@mattermost/types/users';

// Mattermost's own action types: what is put here shows up by name everywhere in Mattermost too.
export const receivedProfiles = (users: UserProfile[]) => ({type: 'RECEIVED_PROFILES_LIST', data: users});
export const receivedChannel = (channel: Channel) => ({type: 'RECEIVED_CHANNEL', data: channel});
