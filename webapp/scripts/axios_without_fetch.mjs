// Stands in for axios's fetch adapter in the bundle: requests go over XHR (upload progress needs it),
// so axios never picks fetch, and its 24 KB of source need not ship.
export const getFetch = () => false;
