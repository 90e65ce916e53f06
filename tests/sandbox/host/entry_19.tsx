// Host for Mattermost 12: React 19 (the build aliases react and react-dom to the tests/react19
// workspace), mounted with createRoot. Besides React and ReactDOM, Mattermost 12 exposes
// react-dom/client and the automatic JSX runtime for plugins built against them.
import React from 'react';
import * as ReactDOMClient from 'react-dom/client';
import * as ReactJSXRuntime from 'react/jsx-runtime';

import { boot } from './boot';

window.ReactDOMClient = ReactDOMClient;
window.ReactJSXRuntime = ReactJSXRuntime;

void boot((element, node) => ReactDOMClient.createRoot(element).render(node), React.version);
