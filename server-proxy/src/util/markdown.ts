/** Marks that make Markdown formatting anywhere in a line (Mattermost's renderer honours a backslash before each). */
const INLINE = /[\\`*_~|[\]>#]/g;
/** Marks that start a list item only at the beginning of a line. */
const BULLET = /^(\s*)([-+])/gm;
const NUMBERED = /^(\s*\d+)([.)])/gm;
/** A line of `=` under another makes it a heading; `=` has no backslash escape. */
const UNDERLINE = /^(\s*)=/gm;

/**
 * Text a person wrote, made safe to repeat inside a Mattermost message or command answer: it reads
 * the same, but formats nothing, links nothing and notifies nobody.
 * - Markdown marks are backslash-escaped: no emphasis, code, strikes, tables, quotes, headings,
 *   lists, `[text](url)` links, `![image](url)`s or `~channel` links.
 * - `<` and `&` become entities: no `<https://…>` autolinks, no tags, no `&#64;channel` look-alikes.
 * - A zero-width space after every `@` and inside every `://` and `www.`: no @channel, @here, @all
 *   or @user mentions, no e-mail addresses and no bare URLs that Mattermost would link by itself.
 */
export function plain(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(INLINE, '\\$&')
    .replace(BULLET, '$1\\$2')
    .replace(NUMBERED, '$1\\$2')
    .replace(UNDERLINE, '$1\u200b=')
    .replace(/@/g, '@\u200b')
    .replace(/:\/\//g, ':\u200b//')
    .replace(/\b(www)\./gi, '$1\u200b.');
}
