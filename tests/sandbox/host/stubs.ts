// Mattermost ships its own fork of react-bootstrap 0.x and react-router-dom 5 as globals. Neither
// is installed here, so the sandbox exposes stand-ins that render their children plainly and
// report every use as a violation: Throughline should not depend on either.
import React from 'react';

import { violation } from './recorder';

function stubComponent(lib: string, name: string) {
  const Stub = (props: { children?: React.ReactNode }) => {
    violation('(unknown plugin)', lib, `${lib}.${name} used; the sandbox has no ${lib}, and Throughline should not rely on it`);
    return React.createElement('div', { 'data-sandbox-stub': `${lib}.${name}` }, props.children);
  };
  Stub.displayName = `${lib}Stub(${name})`;
  return Stub;
}

function stubLibrary(lib: string, names: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { __sandboxStub: true };
  for (const name of names) {
    out[name] = stubComponent(lib, name);
  }
  return out;
}

export const ReactBootstrapStub = stubLibrary('ReactBootstrap', [
  'Modal',
  'OverlayTrigger',
  'Tooltip',
  'Popover',
  'Button',
  'Dropdown',
  'MenuItem',
  'Tabs',
  'Tab',
  'Overlay',
]);

export const ReactRouterDomStub = {
  ...stubLibrary('ReactRouterDom', ['Link', 'NavLink', 'Route', 'Switch', 'Redirect', 'Router', 'BrowserRouter']),
  useHistory: () => {
    violation('(unknown plugin)', 'ReactRouterDom', 'ReactRouterDom.useHistory used; the sandbox has no router');
    return {
      push: (path: string) => window.history.pushState(null, '', path),
      replace: (path: string) => window.history.replaceState(null, '', path),
    };
  },
  useLocation: () => window.location,
};
