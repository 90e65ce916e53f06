// The overview's own rules, added while the page is open (the main stylesheet stays as it was).
export const OVERVIEW_CSS = `
.tl-overview-route{height:100%;overflow:auto;color:var(--center-channel-color);background:var(--center-channel-bg)}
.tl-overview{padding:16px 24px 48px;max-width:1280px}
.tl-overview__head{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:baseline;margin-bottom:16px}
.tl-overview__head .tl-field{margin:0}
.tl-overview__title{margin:0;font-size:22px;font-weight:600}
.tl-overview__section{margin:0 0 24px}
.tl-overview__section h2{margin:0;font-size:16px;font-weight:600}
.tl-overview__section h3{margin:8px 0 4px;font-size:14px;font-weight:600}
.tl-overview__section-head{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;margin-bottom:8px}
.tl-overview__scroll{overflow-x:auto}
.tl-overview__pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:0 24px}
.tl-overview__list{margin:0;padding-left:18px}
.tl-overview__list li{margin:2px 0}
.tl-overview__item{display:flex;gap:6px;align-items:baseline}
.tl-matrix__home{margin-left:4px}
.tl-overview__cell{margin-top:8px;padding:8px 12px;border:1px solid rgba(var(--center-channel-color-rgb),.16);border-radius:4px}
.tl-matrix{border-collapse:collapse;font-size:13px;margin-bottom:8px}
.tl-matrix caption{text-align:left;font-weight:600;padding:4px 0}
.tl-matrix th,.tl-matrix td{padding:4px 10px;border-bottom:1px solid rgba(var(--center-channel-color-rgb),.08);text-align:right;white-space:nowrap}
.tl-matrix th[scope=row]{text-align:left}
.tl-matrix__cell--overdue button{color:var(--error-text)}
.tl-flow{margin:0;max-width:760px}
.tl-flow__svg{width:100%;height:auto}
.tl-flow__axis{stroke:rgba(var(--center-channel-color-rgb),.32)}
.tl-flow__label{font-size:11px;fill:rgba(var(--center-channel-color-rgb),.64)}
.tl-flow__legend{display:flex;flex-wrap:wrap;gap:12px;font-size:12px}
.tl-flow__swatch{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
.tl-flow__area--todo{fill:#8a99b8;background:#8a99b8}
.tl-flow__area--in_progress{fill:#3d7bd9;background:#3d7bd9}
.tl-flow__area--review{fill:#e0a030;background:#e0a030}
.tl-flow__area--done{fill:#3aa676;background:#3aa676}
.tl-flow__area--cancelled{fill:#c9c9c9;background:#c9c9c9}
.tl-file--silent{color:var(--error-text)}
.tl-overdue__line{display:grid;grid-template-columns:minmax(120px,1fr) 100px auto;gap:8px;align-items:center;list-style:none}
.tl-overdue__bar{width:100px;height:10px}
.tl-overdue__bar rect{fill:var(--error-text,#d24b4e)}
.tl-calendar__bar{display:flex;flex-wrap:wrap;gap:6px;align-items:center}
.tl-calendar__bar [aria-pressed=true]{background:var(--button-bg);color:var(--button-color)}
.tl-calendar{display:grid;grid-template-columns:repeat(7,minmax(0,1fr));gap:2px;max-width:760px}
.tl-calendar__weekday{font-size:12px;font-weight:600;text-align:center}
.tl-calendar__day{display:flex;flex-direction:column;align-items:flex-start;min-height:44px;padding:4px;border:1px solid rgba(var(--center-channel-color-rgb),.08);border-radius:4px;background:none;color:inherit;font:inherit;text-align:left}
.tl-calendar--week .tl-calendar__day{min-height:120px;font-size:12px}
.tl-calendar__day--today{border-color:var(--button-bg)}
.tl-calendar__day .tl-overview__list{padding:0;list-style:none}
.tl-calendar__day[aria-pressed=true]{background:rgba(var(--button-bg-rgb),.12)}
.tl-calendar__count{margin-top:auto;padding:0 6px;border-radius:8px;background:var(--button-bg);color:var(--button-color);font-size:11px}
`;
