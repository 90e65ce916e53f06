import React from 'react';
import {IntlProvider} from 'react-intl';
import {useSelector} from 'react-redux';

import {baseLocale} from '../i18n';
import {currentLocale, pluginState} from '../selectors';
import type {HostState} from '../types';

const EMPTY: Record<string, string> = {};

// English is the defaultMessage in code; until (or unless) a locale file arrives, show it quietly.
const onError = (err: {code?: string}) => {
    if (err.code !== 'MISSING_TRANSLATION' && err.code !== 'MISSING_DATA') {
        console.warn(err);
    }
};

// Every component Throughline mounts renders inside this, so it re-renders when a locale file loads.
export default function PluginIntl({children}: {children: React.ReactNode}) {
    const locale = useSelector((s: HostState) => baseLocale(currentLocale(s)));
    const i18n = useSelector((s: HostState) => pluginState(s).i18n);
    const messages = i18n && i18n.locale === locale ? i18n.messages : EMPTY;
    return (
        <IntlProvider
            locale={locale}
            defaultLocale='en'
            messages={messages}
            onError={onError}
        >
            {children}
        </IntlProvider>
    );
}

// Wraps a registered component so it gets the plugin's IntlProvider.
export function withPluginIntl<P extends object>(Component: React.ComponentType<P>): React.ComponentType<P> {
    const Wrapped = (props: P) => (
        <PluginIntl>
            <Component {...props}/>
        </PluginIntl>
    );
    Wrapped.displayName = `Throughline(${Component.displayName || Component.name || 'Component'})`;
    return Wrapped;
}
