// Host for Mattermost 7 to 9: React 17 (the build aliases react, react-dom and react-redux to
// their React 17 era versions), mounted with ReactDOM.render.
import React from 'react';
import ReactDOM from 'react-dom';

import { boot } from './boot';

void boot((element, node) => ReactDOM.render(node, element), React.version);
