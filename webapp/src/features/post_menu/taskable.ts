import type {Post} from '@mattermost/types/posts';

// Ordinary posts only, the same rule the service applies (post_not_taskable).
export function isTaskablePost(post: Post | undefined): boolean {
    if (!post) {
        return false;
    }
    if (post.type && post.type.startsWith('system_')) {
        return false; // system messages, including system_ephemeral
    }
    if (post.delete_at > 0 || post.state === 'DELETED') {
        return false;
    }
    if (post.failed || (post.pending_post_id && post.id === post.pending_post_id)) {
        return false; // not on the server yet
    }
    return true;
}
