// The overview's own rules, added while the page is open (the main stylesheet stays as it was).
export const OVERVIEW_CSS = `
.tl-overview-route{height:100%;overflow:auto;color:var(--center-channel-color);background:var(--center-channel-bg)}
.tl-overview{padding:16px 24px 48px;max-width:1280px}
.tl-overview__head{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:baseline;margin-bottom:16px}
.tl-overview__title{margin:0;font-size:22px;font-weight:600}
`;
