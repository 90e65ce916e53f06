import type {Channel} from '@mattermost/types/channels';
import type {Post} from '@mattermost/types/posts';

import {botUserIdReceived} from '../actions';
import {getConfig} from '../client';
import {useAppDispatch, useAppSelector} from '../hooks';
import {getChannel} from '../host/selectors';
import {useResource} from '../resource';
import {pluginState} from '../selectors';

// Anyone in a channel can post a custom_throughline_* post with props of their choosing. A card is drawn
// only for the bot's own posts, and only when the channel its props name is the post's channel: the
// bot's cards in its direct messages (a task's reminder, an assignment) are the one exception, and only
// where the caller passes the post's channel to say so. Everything else shows the post's plain message.
export function isGenuineCard(
    post: Pick<Post, 'user_id' | 'channel_id'>,
    propsChannelId: unknown,
    botUserId: string | null | undefined,
    directChannel?: Pick<Channel, 'id' | 'type' | 'name'>,
): boolean {
    if (!botUserId || post.user_id !== botUserId) {
        return false;
    }
    if (typeof propsChannelId === 'string' && propsChannelId === post.channel_id) {
        return true;
    }

    // A direct channel's name is the two members' ids joined by "__": here, the bot and the reader.
    return directChannel?.id === post.channel_id && directChannel.type === 'D' && directChannel.name.split('__').includes(botUserId);
}

// The bot's user id as the service names it (GET /config), asked once per page load; null until known.
export function useBotUserId(): string | null {
    const dispatch = useAppDispatch();
    const botUserId = useAppSelector((s) => pluginState(s).botUserId);
    useResource(botUserId ? null : 'config', async (signal) => {
        const config = await getConfig({signal});
        if (config.bot_user_id) {
            dispatch(botUserIdReceived(config.bot_user_id));
        }
        return config;
    });
    return botUserId;
}

// isGenuineCard for a post on show. `allowDirect`: the card may also be the bot's in its direct channel with the reader.
export function useGenuineCard(post: Pick<Post, 'user_id' | 'channel_id'>, propsChannelId: unknown, allowDirect = false): boolean {
    const botUserId = useBotUserId();
    const channel = useAppSelector((s) => (allowDirect ? getChannel(s, post.channel_id) : undefined));
    return isGenuineCard(post, propsChannelId, botUserId, channel);
}
