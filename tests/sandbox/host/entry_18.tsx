// Host for Mattermost 10 and later: React 18.2, mounted with createRoot.
import React from 'react';
import { createRoot } from 'react-dom/client';

import { boot } from './boot';

void boot((element, node) => createRoot(element).render(node), React.version);
