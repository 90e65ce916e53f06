import type { Migration, MigrationProvider } from 'kysely';
import * as init from './20261124_0001_init.js';

// A static list rather than a folder scan, so the compiled service and tsx resolve the same files.
const migrations: Record<string, Migration> = {
  '20261124_0001_init': init,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
