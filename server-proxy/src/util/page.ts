/**
 * A keyset page from rows read newest first with one row more than `limit`: that extra row only says
 * there is more, and the cursor is the last id shown (the next page starts below it).
 */
export function pageOf<T extends { id: string }>(rows: T[], limit: number): { items: T[]; next_cursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, next_cursor: rows.length > limit ? items[items.length - 1]!.id : null };
}
