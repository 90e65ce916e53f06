import type { Project, UnlinkedProject } from '@throughline/contract';

export type { Project, UnlinkedProject };

/** A project as stored (its home channel always known); what the caller may see and do is decided when it is presented. */
export type StoredProject = Omit<Project, 'permissions' | 'channel_id'> & { channel_id: string };
