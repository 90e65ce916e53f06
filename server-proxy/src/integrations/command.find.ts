import { LIMITS, type MarkedText, type SearchHit } from '@throughline/contract';
import type { Caller } from '../http/auth.js';
import type { SearchService } from '../search/search.service.js';
import type { Task } from '../tasks/task.types.js';
import { plain } from '../util/markdown.js';
import { KIND, refOf, say, statusName } from './command.text.js';

type Locale = 'en' | 'ru';
/** Hits in one `/task find` answer: a message, not a results page. */
const FIND_MAX = 10;

/** `/task find <words>`: the caller's search, as an ephemeral message. */
export async function find(search: SearchService, caller: Caller, locale: Locale, words: string): Promise<string> {
  if (!words || [...words].length > LIMITS.queryMax) return findAnswer(locale, words, [], false);
  const page = await search.search(caller, { q: words, limit: FIND_MAX });
  return findAnswer(locale, words, page.items, page.next_cursor !== null);
}

/** Text a person wrote, escaped, with the searched words in bold. */
function boldMarks(t: MarkedText): string {
  let out = '';
  let at = 0;
  for (const m of t.marks) {
    out += plain(t.text.slice(at, m.start)) + '**' + plain(t.text.slice(m.start, m.end)) + '**';
    at = m.end;
  }
  return out + plain(t.text.slice(at));
}

/** The answer to `/task find`: one line per hit, with a link to its source post when the caller may see it. */
function findAnswer(locale: Locale, query: string, hits: SearchHit[], more: boolean): string {
  const n = [...query].length;
  if (!query) return say(locale, 'findEmpty');
  if (n > LIMITS.queryMax) return say(locale, 'findTooLong', { max: LIMITS.queryMax, n });
  if (!hits.length) return say(locale, 'findNone');
  const lines = hits.map((h) => {
    const ref = h.kind === 'task' ? ` \`#${refOf(h.id)}\`` : '';
    const status = h.kind === 'task' && h.status ? ` — ${statusName(locale, h.status as Task['status'])}` : '';
    const link = h.permalink ? ` · [${say(locale, 'source')}](${h.permalink})` : '';
    const rest = h.snippet.marks.length ? `\n  ${boldMarks(h.snippet)}` : '';
    return `- ${KIND[locale][h.kind]}${ref}: ${boldMarks(h.title)}${status}${link}${rest}`;
  });
  return [say(locale, 'findHead', { n: hits.length, more: more ? say(locale, 'findMore') : '' }), ...lines].join('\n');
}
