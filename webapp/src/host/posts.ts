// Post elements are #post_<id> in the center channel and #rhsPost_<id> in the thread view (Mattermost 7-11).
const POST_ID = /^(?:post|rhsPost)_([a-z0-9]{26})$/;
const POST_ELEMENT = '[id^="post_"],[id^="rhsPost_"]';

export function findPostId(target: Element): string | null {
    let el = target.closest(POST_ELEMENT);
    while (el) {
        const m = POST_ID.exec(el.id);
        if (m) {
            return m[1];
        }
        el = el.parentElement ? el.parentElement.closest(POST_ELEMENT) : null;
    }
    return null;
}
