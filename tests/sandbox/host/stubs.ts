// Mattermost ships its own fork of react-bootstrap 0.x and react-router-dom 5 as globals. Neither
// is installed here, so the sandbox exposes stand-ins whose every export renders its children
// plainly and reports the use as a violation: Throughline should not depend on either.
import React from 'react';

import { violation } from './recorder';

function stubLibrary(lib: string): Record<string, unknown> {
  const made: Record<string, unknown> = { __sandboxStub: true };
  return new Proxy(made, {
    get: (target, name) => {
      // Components and hooks only: anything else (then, toJSON, …) is simply absent.
      if (typeof name !== 'string' || name in target || !/^([A-Z]|use)/.test(name)) {
        return target[name as string];
      }
      const Stub = (props: { children?: React.ReactNode }) => {
        violation('(unknown plugin)', lib, `${lib}.${name} used; the sandbox has no ${lib}, and Throughline should not rely on it`);
        return React.createElement('div', { 'data-sandbox-stub': `${lib}.${name}` }, props?.children);
      };
      Stub.displayName = `${lib}Stub(${name})`;
      return (target[name] = Stub);
    },
  });
}

export const ReactBootstrapStub = stubLibrary('ReactBootstrap');
export const ReactRouterDomStub = stubLibrary('ReactRouterDom');
