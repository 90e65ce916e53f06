import { EXPORT_FORMAT_VERSION } from '@throughline/contract';
import type { RecordPages } from './export.service.js';

/** The record as JSON text, one chunk per page: the documented top-level shape, written as it is read. */
export async function* jsonChunks(r: RecordPages): AsyncGenerator<string> {
  const { project, exported_at, exported_by } = r.head;
  yield `{"format_version":${EXPORT_FORMAT_VERSION},"project":${JSON.stringify(project)},"exported_at":${JSON.stringify(exported_at)},"exported_by":${JSON.stringify(exported_by)}`;
  const sections = [
    ['tasks', r.tasks()],
    ['decisions', r.decisions()],
    ['assets', r.assets()],
    ['rollouts', r.rollouts()],
  ] as const;
  for (const [name, pages] of sections) {
    yield `,"${name}":[`;
    let first = true;
    for await (const page of pages as AsyncGenerator<unknown[]>) {
      if (!page.length) continue;
      yield (first ? '' : ',') + page.map((item) => JSON.stringify(item)).join(',');
      first = false;
    }
    yield ']';
  }
  // The directory closes the record: written last, it holds everyone the pages named.
  const byId = <T extends { id: string }>(m: Map<string, T>) => JSON.stringify([...m.values()].sort((a, b) => a.id.localeCompare(b.id)));
  yield `,"people":${byId(r.names.people)},"channels":${byId(r.names.channels)}}\n`;
}
