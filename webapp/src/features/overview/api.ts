import type {Project} from '@throughline/contract';

import {service, type Opts} from '../../client';

// The overview's calls (the overview chunk only).
const projectPath = (id: string) => '/projects/' + encodeURIComponent(id);

export const getProject = (id: string, o: Opts = {}) => service<Project>({url: projectPath(id), signal: o.signal});
