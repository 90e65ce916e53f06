import snowball from 'snowball-stemmers';
import type { Mark, MarkedText } from '@throughline/contract';

/**
 * Words and their stems, the same on both engines: the service stems documents and queries with the
 * Snowball russian and english algorithms (the ones PostgreSQL's configurations use), and each
 * engine only stores and matches the stems. A query word matches a document word whose stem starts
 * with the query word's stem, so "согласовать" (согласова) finds "согласование" (согласован).
 */
const russian = snowball.newStemmer('russian');
const english = snowball.newStemmer('english');

/** A run of letters, digits and combining marks in the original text. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
/** Longer words are cut: PostgreSQL refuses lexemes past 2 KB, and nobody types such a word. */
const STEM_MAX = 64;
/** More query words than this are ignored: a query is a few words, not a document. */
const QUERY_WORDS_MAX = 16;

function stemOf(piece: string): string {
  const stem = CYRILLIC.test(piece) ? russian.stem(piece) : LATIN.test(piece) ? english.stem(piece) : piece;
  return [...stem].slice(0, STEM_MAX).join('');
}

/** The stems one word of the text stands for (usually one; compatibility forms may split, e.g. "½"). */
function stemsOfWord(word: string): string[] {
  const folded = word.normalize('NFKC').toLocaleLowerCase('ru').replace(/\p{M}/gu, '').replace(/ё/g, 'е');
  return (folded.match(/[\p{L}\p{N}]+/gu) ?? []).map(stemOf).filter(Boolean);
}

/** Every stem of a text, in order: what the index stores. */
export function stems(text: string): string[] {
  return (text.match(WORD) ?? []).flatMap(stemsOfWord);
}

/**
 * The stems a query asks for, each once. Anything that is not a letter or a digit (quotes,
 * `* ( ) : ^ -`, SQL, markup) only separates words, so no engine's query syntax can be reached.
 */
export function queryStems(q: string): string[] {
  return [...new Set(stems(q))].slice(0, QUERY_WORDS_MAX);
}

/** Whether a document's stem answers one of the query's. */
const matches = (stem: string, wanted: readonly string[]) => wanted.some((w) => stem.startsWith(w));

/** Where the query's words are in `text`. */
export function marksIn(text: string, wanted: readonly string[]): Mark[] {
  const marks: Mark[] = [];
  for (const m of text.matchAll(WORD)) {
    if (stemsOfWord(m[0]).some((s) => matches(s, wanted))) marks.push({ start: m.index, end: m.index + m[0].length });
  }
  return marks;
}

export function marked(text: string, wanted: readonly string[]): MarkedText {
  return { text, marks: marksIn(text, wanted) };
}

const SNIPPET_BEFORE = 60;
const SNIPPET_LENGTH = 200;

/** A passage of `text` around its first match (its start when nothing matches), with the matches in it. */
export function snippet(text: string, wanted: readonly string[]): MarkedText {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return { text: '', marks: [] };
  const all = marksIn(flat, wanted);
  let from = all.length ? Math.max(0, all[0]!.start - SNIPPET_BEFORE) : 0;
  // Start at a word boundary, and never inside a surrogate pair.
  if (from > 0) {
    const space = flat.lastIndexOf(' ', from);
    from = space >= 0 && from - space < 20 ? space + 1 : from;
    if (/[\uDC00-\uDFFF]/.test(flat[from] ?? '')) from += 1;
  }
  let to = Math.min(flat.length, from + SNIPPET_LENGTH);
  if (to < flat.length) {
    const space = flat.indexOf(' ', to);
    to = space >= 0 && space - to < 20 ? space : to;
    if (/[\uDC00-\uDFFF]/.test(flat[to] ?? '')) to += 1;
  }
  const head = from > 0 ? '…' : '';
  const tail = to < flat.length ? '…' : '';
  const shift = head.length - from;
  const marks = all.filter((m) => m.start >= from && m.end <= to).map((m) => ({ start: m.start + shift, end: m.end + shift }));
  return { text: head + flat.slice(from, to) + tail, marks };
}
