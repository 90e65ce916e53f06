// luxon ships no types; the host only re-exposes it as window.Luxon.
declare module 'luxon';
