import type { Project } from '@throughline/contract';

export type { Project };

/** A project as stored; what the caller may do with it is added when it is presented. */
export type StoredProject = Omit<Project, 'permissions'>;
