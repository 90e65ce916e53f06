import type {Post} from '@mattermost/types/posts';

import {useAppSelector} from '../hooks';

import {getUser} from './selectors';
import {useProfiles} from './users';

// Any user may post a custom_* type with any props (MATTERMOST.md): a card trusts its props only
// when a bot wrote the post. true / false once the author's profile is known, null until then.
export function useBotAuthored(post: Pick<Post, 'user_id'>): boolean | null {
    useProfiles([post.user_id]);
    const author = useAppSelector((s) => (post.user_id ? getUser(s, post.user_id) : undefined));
    if (!post.user_id) {
        return false;
    }
    return author ? author.is_bot === true : null;
}
