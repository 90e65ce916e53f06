import {useState} from 'react';

let next = 0;

// useId is React 18 only; hosts 7-9 run React 17.
export const useUniqueId = (prefix: string) => useState(() => `${prefix}-${++next}`)[0];
