// The libraries Mattermost exposes on window for plugins to use as webpack externals
// (channels/src/plugins/export.ts). The React 17 build of the host swaps react, react-dom and
// react-redux for their React 17 era versions through build aliases; this file is the same.
import * as Luxon from 'luxon';
import PropTypes from 'prop-types';
import React from 'react';
import ReactDOM from 'react-dom';
import * as ReactIntl from 'react-intl';
import * as ReactRedux from 'react-redux';
import * as Redux from 'redux';

import { ReactBootstrapStub, ReactRouterDomStub } from './stubs';

declare global {
  interface Window {
    React: unknown;
    ReactDOM: unknown;
    ReactDOMClient?: unknown;
    ReactJSXRuntime?: unknown;
    ReactIntl: unknown;
    Redux: unknown;
    ReactRedux: unknown;
    ReactBootstrap: unknown;
    ReactRouterDom: unknown;
    PropTypes: unknown;
    Luxon: unknown;
  }
}

export function installLibraryGlobals(): void {
  window.React = React;
  window.ReactDOM = ReactDOM;
  window.ReactIntl = ReactIntl;
  window.Redux = Redux;
  window.ReactRedux = ReactRedux;
  window.ReactBootstrap = ReactBootstrapStub;
  window.ReactRouterDom = ReactRouterDomStub;
  window.PropTypes = PropTypes;
  window.Luxon = Luxon;
}
