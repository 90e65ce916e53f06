import React from 'react';
import {IntlProvider} from 'react-intl';

import {useAppSelector} from '../hooks';
import {currentLocale} from '../host/selectors';
import {baseLocale} from '../i18n';
import {pluginState} from '../selectors';

const EMPTY: Record<string, string> = {};

// English is the defaultMessage in code; until (or unless) a locale file arrives, show it quietly.
// Malformed messages are caught before they ship: by lint (formatjs) and the translation tests.
const onError = () => undefined;

// Every component Throughline mounts renders inside this, so it re-renders when a locale file loads.
export default function PluginIntl({children}: {children: React.ReactNode}) {
    const locale = useAppSelector((s) => baseLocale(currentLocale(s)));
    const i18n = useAppSelector((s) => pluginState(s).i18n);
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
