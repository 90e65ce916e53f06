import React from 'react';

type Values = Record<string, React.ReactNode>;

// react-intl puts the elements given as message values into an array (Children.toArray); React 19
// warns for every one that has no key. Each element gets its value's name as its key.
export default function keyed<V extends Values>(values: V): V {
    const out: Values = {};
    for (const [name, value] of Object.entries(values)) {
        out[name] = React.isValidElement(value) && value.key == null ? React.cloneElement(value, {key: name}) : value;
    }
    return out as V;
}
