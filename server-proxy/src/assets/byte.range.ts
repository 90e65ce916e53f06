import type { ByteRange } from './blob.store.js';

/**
 * What a Range header asks of `size` bytes, answered as a file server does (the rules of
 * range-parser): a header not of bytes → the whole file; no satisfiable range in it → 416; one range
 * (overlapping or adjoining ones merged into one) → 206; several disjoint ranges → the whole file
 * (no multipart/byteranges answers).
 */
export function rangeOf(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (header === undefined || !/^ *bytes=/.test(header)) return null;
  const ranges: ByteRange[] = [];
  for (const spec of header.slice(header.indexOf('=') + 1).split(',')) {
    const dash = spec.indexOf('-');
    let start = parseInt(spec.slice(0, dash), 10);
    let end = parseInt(spec.slice(dash + 1), 10);
    if (Number.isNaN(start)) {
      start = size - end;
      end = size - 1;
    } else if (Number.isNaN(end) || end > size - 1) end = size - 1;
    if (!Number.isNaN(start) && !Number.isNaN(end) && start > -1 && start <= end) ranges.push({ start, end });
  }
  if (!ranges.length) return 'unsatisfiable';
  ranges.sort((a, b) => a.start - b.start);
  const merged = [ranges[0]!];
  for (const r of ranges.slice(1)) {
    const last = merged[merged.length - 1]!;
    if (r.start > last.end + 1) merged.push({ ...r });
    else last.end = Math.max(last.end, r.end);
  }
  return merged.length === 1 ? merged[0]! : null;
}
