import type {Channel} from '@mattermost/types/channels';
import type {Post} from '@mattermost/types/posts';
import type {UserProfile} from '@mattermost/types/users';

// Mattermost ids: 26 characters of [a-z0-9].
export const mmId = (seed: string) => (seed + 'x'.repeat(26)).slice(0, 26).replace(/[^a-z0-9]/g, 'x');

export const TEAM = mmId('team');
export const ME = mmId('me');
export const ANNA = mmId('anna');
export const BORIS = mmId('boris');
export const BOT = mmId('throughlinebot');
export const CHANNEL = mmId('chan');
export const OTHER_CHANNEL = mmId('otherchan');
export const REMOTE_CHANNEL = mmId('remotechan'); // another team's: the fake service knows it, the host store does not
export const HQ_CHANNEL = mmId('hqchan'); // like REMOTE_CHANNEL, known to the fake service only
export const POST = mmId('post');
export const SYSTEM_POST = mmId('syspost');
export const DELETED_POST = mmId('delpost');
export const PENDING_POST = mmId('pendpost');
export const FILE_POST = mmId('filepost');
export const FILES_POST = mmId('filespost');
export const FILE_A = mmId('filea');
export const THREAD_ROOT = mmId('threadroot');
export const REPLY_A = mmId('replya');
export const REPLY_B = mmId('replyb');
export const FILE_B = mmId('fileb');

export function user(id: string, username: string, first = '', last = '', locale = 'en'): UserProfile {
    return {id, username, first_name: first, last_name: last, nickname: '', locale, delete_at: 0, roles: 'system_user'} as UserProfile;
}

export function channel(id: string, displayName: string): Channel {
    return {id, name: displayName.toLowerCase().replace(/\s+/g, '-'), display_name: displayName, type: 'O', team_id: TEAM, delete_at: 0} as Channel;
}

export function post(id: string, message: string, extra: Partial<Post> = {}): Post {
    return {
        id,
        channel_id: CHANNEL,
        user_id: ANNA,
        message,
        type: '',
        create_at: 1,
        update_at: 1,
        edit_at: 0,
        delete_at: 0,
        is_pinned: false,
        root_id: '',
        original_id: '',
        props: {},
        hashtags: '',
        pending_post_id: '',
        reply_count: 0,
        metadata: {embeds: [], emojis: [], files: [], images: {}},
        ...extra,
    } as Post;
}

export const users = {
    [ME]: user(ME, 'me', 'Maria', 'Ivanova'),
    [ANNA]: user(ANNA, 'anna', 'Anna', 'Petrova'),
    [BORIS]: user(BORIS, 'boris'),
    [BOT]: {...user(BOT, 'throughline'), is_bot: true},
};

export const posts = {
    [POST]: post(POST, 'Print the new poster for Kazan\nUse layout B, slogan two.\nDeadline Friday.'),
    [SYSTEM_POST]: post(SYSTEM_POST, 'anna joined the channel', {type: 'system_join_channel'}),
    [DELETED_POST]: post(DELETED_POST, '(message deleted)', {delete_at: 5, state: 'DELETED'}),
    [PENDING_POST]: post(PENDING_POST, 'sending…', {pending_post_id: PENDING_POST}),
    [FILE_POST]: post(FILE_POST, '', {
        file_ids: ['file1'],
        metadata: {embeds: [], emojis: [], images: {}, files: [{id: 'file1', name: 'poster-v3.pdf', extension: 'pdf', size: 2048, mime_type: 'application/pdf'} as never]},
    }),
    [FILES_POST]: post(FILES_POST, 'Two layouts for the billboard', {
        file_ids: [FILE_A, FILE_B],
        metadata: {embeds: [], emojis: [], images: {}, files: [
            {id: FILE_A, post_id: FILES_POST, channel_id: CHANNEL, name: 'billboard-a.png', extension: 'png', size: 4096, mime_type: 'image/png'} as never,
            {id: FILE_B, post_id: FILES_POST, channel_id: CHANNEL, name: 'billboard-b.png', extension: 'png', size: 5120, mime_type: 'image/png'} as never,
        ]},
    }),
};

// A thread in the Kazan channel: Boris proposes, Anna and Maria argue.
export const thread = {
    [THREAD_ROOT]: post(THREAD_ROOT, 'Which slogan goes on the Kazan billboards?', {user_id: BORIS, reply_count: 2, create_at: 10}),
    [REPLY_A]: post(REPLY_A, 'Slogan B is final: it tested best with franchisees.', {user_id: ANNA, root_id: THREAD_ROOT, create_at: 20}),
    [REPLY_B]: post(REPLY_B, 'Agreed, B reads well at 6×3.', {user_id: ME, root_id: THREAD_ROOT, create_at: 30}),
};

export const channels = {
    [CHANNEL]: channel(CHANNEL, 'Kazan region'),
    [OTHER_CHANNEL]: channel(OTHER_CHANNEL, 'Samara region'),
};

export const remoteChannels = {
    [REMOTE_CHANNEL]: channel(REMOTE_CHANNEL, 'Novosibirsk region'),
    [HQ_CHANNEL]: channel(HQ_CHANNEL, 'Campaign HQ'),
};
