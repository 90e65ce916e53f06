// One stylesheet, injected once; Mattermost theme variables keep light and dark themes readable.
const CSS = `
.tl-menu{position:fixed;z-index:10000;min-width:180px;padding:6px 0;margin:0;list-style:none;background:var(--center-channel-bg);color:var(--center-channel-color);border:1px solid rgba(var(--center-channel-color-rgb),.16);border-radius:4px;box-shadow:0 8px 24px rgba(0,0,0,.12)}
.tl-menu__item{display:block;width:100%;padding:6px 16px;border:0;background:none;color:inherit;font:inherit;text-align:left;cursor:pointer}
.tl-menu__item:hover,.tl-menu__item:focus{background:rgba(var(--button-bg-rgb),.08);outline:none}
.tl-backdrop{position:fixed;inset:0;z-index:9999;display:flex;align-items:flex-start;justify-content:center;padding-top:8vh;background:rgba(0,0,0,.5)}
.tl-dialog{width:min(560px,94vw);max-height:84vh;overflow:auto;background:var(--center-channel-bg);color:var(--center-channel-color);border-radius:8px;box-shadow:0 20px 32px rgba(0,0,0,.2)}
.tl-dialog__header{display:flex;justify-content:space-between;align-items:center;padding:16px 24px 8px}
.tl-dialog__title{margin:0;font-size:20px;font-weight:600}
.tl-dialog__body{padding:8px 24px}
.tl-dialog__footer{display:flex;justify-content:flex-end;gap:8px;padding:16px 24px}
.tl-field{display:flex;flex-direction:column;gap:4px;margin-bottom:12px}
.tl-field label,.tl-label{font-weight:600;font-size:13px}
.tl-input{width:100%;box-sizing:border-box;padding:7px 10px;border:1px solid rgba(var(--center-channel-color-rgb),.16);border-radius:4px;background:var(--center-channel-bg);color:var(--center-channel-color);font:inherit}
.tl-input:focus{border-color:var(--button-bg);outline:none;box-shadow:0 0 0 1px var(--button-bg)}
textarea.tl-input{min-height:96px;resize:vertical}
.tl-btn{padding:7px 14px;border:1px solid transparent;border-radius:4px;background:rgba(var(--button-bg-rgb),.08);color:var(--button-bg);font:inherit;font-weight:600;cursor:pointer}
.tl-btn:disabled,.tl-btn[aria-disabled=true]{opacity:.5;cursor:default}
.tl-btn--primary{background:var(--button-bg);color:var(--button-color)}
.tl-btn--link{padding:0;background:none;color:var(--link-color,var(--button-bg));font-weight:400;text-decoration:underline}
.tl-btn--icon{padding:4px 8px;background:none;color:rgba(var(--center-channel-color-rgb),.64)}
.tl-btn--x::before{content:'\\d7'}
.tl-muted{color:rgba(var(--center-channel-color-rgb),.64);font-size:12px}
.tl-error{margin:8px 0;padding:8px 12px;border-radius:4px;background:rgba(var(--error-text-color-rgb,210,75,78),.08);color:var(--error-text)}
.tl-error__action{margin-left:6px}
.tl-files{margin:0;padding-left:18px}
.tl-toast{position:fixed;right:24px;bottom:24px;z-index:10000;display:flex;gap:12px;align-items:center;padding:10px 16px;border-radius:4px;background:var(--center-channel-color);color:var(--center-channel-bg);box-shadow:0 4px 12px rgba(0,0,0,.2)}
.tl-toast .tl-btn--link,.tl-toast .tl-btn--icon{color:inherit}
.tl-item-route{height:100%;padding:24px;box-sizing:border-box;color:var(--center-channel-color);background:var(--center-channel-bg)}
.tl-sidebar__notice{padding:0 12px}
.tl-sidebar{display:flex;flex-direction:column;height:100%;min-height:0;color:var(--center-channel-color)}
.tl-sidebar__head{padding:8px 12px;border-bottom:1px solid rgba(var(--center-channel-color-rgb),.08)}
.tl-sidebar__body{flex:1;min-height:0;display:flex;flex-direction:column}
.tl-sidebar__foot{padding:8px 12px;border-top:1px solid rgba(var(--center-channel-color-rgb),.08)}
.tl-filters{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:center;margin-top:8px}
.tl-filters .tl-input{width:auto}
.tl-export{display:inline-flex;gap:6px;align-items:baseline;font-size:12px}
.tl-check{display:inline-flex;gap:4px;align-items:center;font-weight:400}
.tl-vlist{flex:1;min-height:0;overflow-y:auto;position:relative}
.tl-vlist__inner{position:relative}
.tl-vlist__row{position:absolute;left:0;right:0;display:flex;flex-direction:column;justify-content:stretch}
.tl-vlist__row>*{flex:1}
.tl-group{display:flex;align-items:center;gap:6px;padding:0 12px;font-weight:600;text-transform:uppercase;font-size:12px;background:rgba(var(--center-channel-color-rgb),.04)}
.tl-group::before{content:'\\25be'}
.tl-group[aria-expanded=false]::before{content:'\\25b8'}
.tl-row{display:flex;align-items:center;gap:8px;padding:0 12px;border-bottom:1px solid rgba(var(--center-channel-color-rgb),.06)}
.tl-row__main{flex:1;min-width:0;display:flex;flex-direction:column}
.tl-row__title{overflow:hidden;white-space:nowrap;text-overflow:ellipsis;text-align:left;color:var(--center-channel-color);text-decoration:none}
.tl-row .tl-input{width:auto;padding:2px 4px;font-size:12px}
.tl-overdue,.tl-invalid{color:var(--error-text)}
.tl-state{padding:24px 16px;text-align:center}
.tl-detail{padding:12px;overflow:auto}
.tl-detail dl{display:grid;grid-template-columns:auto 1fr;gap:6px 12px;margin:12px 0}
.tl-detail dt{font-weight:600}
.tl-detail dd{margin:0}
.tl-desc{white-space:pre-wrap;word-break:break-word}
.tl-history{margin:0;padding-left:18px;font-size:13px}
.tl-card{display:flex;flex-direction:column;gap:4px;max-width:480px;margin:4px 0;padding:10px 14px;border:1px solid rgba(var(--center-channel-color-rgb),.16);border-left:4px solid var(--button-bg);border-radius:4px;background:var(--center-channel-bg)}
.tl-card__title{font-weight:600}
.tl-card__meta{display:flex;flex-wrap:wrap;gap:4px 12px;align-items:center}
.tl-badge{display:inline-block;padding:0 6px;border-radius:4px;background:rgba(var(--center-channel-color-rgb),.08);font-size:12px;font-weight:600}
.tl-badge--done{background:rgba(var(--online-indicator-rgb,6,214,160),.16)}
.tl-badge--cancelled{text-decoration:line-through}
.tl-source{display:inline-flex;gap:4px;margin-left:6px;vertical-align:middle}
.tl-source__chip{padding:0;border:0;background:none;cursor:pointer}
.tl-banner{display:flex;flex-wrap:nowrap;gap:8px;align-items:baseline;overflow:hidden;white-space:nowrap;text-overflow:ellipsis;padding:4px 0;font-size:12px}
.tl-banner__heading{font-weight:600}
.tl-tabs{display:flex;gap:4px;margin-bottom:8px;border-bottom:1px solid rgba(var(--center-channel-color-rgb),.08)}
.tl-tab{padding:6px 12px;border:0;border-bottom:2px solid transparent;background:none;color:rgba(var(--center-channel-color-rgb),.72);font:inherit;font-weight:600;cursor:pointer}
.tl-tab[aria-selected=true]{border-bottom-color:var(--button-bg);color:var(--button-bg)}
.tl-tab:focus-visible{outline:2px solid var(--button-bg);outline-offset:-2px}
.tl-assets,.tl-versions{margin:0;padding:0;list-style:none}
.tl-asset{display:flex;gap:10px;align-items:center;padding:8px 0;border-bottom:1px solid rgba(var(--center-channel-color-rgb),.06)}
.tl-asset__main{flex:1;min-width:0;display:flex;flex-direction:column;gap:2px}
.tl-thumb{flex:none;width:48px;height:48px;border-radius:4px;overflow:hidden;background:rgba(var(--center-channel-color-rgb),.06)}
.tl-thumb img{width:100%;height:100%;object-fit:cover}
.tl-preview{display:block;max-width:100%;max-height:240px;margin:4px 0;border-radius:4px;border:1px solid rgba(var(--center-channel-color-rgb),.08)}
.tl-section{margin:12px 0}
.tl-fieldset{margin:0 0 12px;padding:0;border:0}
.tl-field label.tl-check{font-weight:400;font-size:inherit}
.tl-table{width:100%;border-collapse:collapse;font-size:13px}
.tl-rollout{overflow-x:auto}
.tl-table caption{text-align:left;font-weight:600;padding:4px 0}
.tl-table th,.tl-table td{padding:4px 6px;text-align:left;border-bottom:1px solid rgba(var(--center-channel-color-rgb),.08)}
.tl-version{display:flex;flex-direction:column;gap:2px;padding:8px 0;border-bottom:1px solid rgba(var(--center-channel-color-rgb),.06)}
.tl-version__head{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.tl-actions{display:flex;gap:8px;margin-top:4px}
.tl-badge--approved{background:rgba(var(--online-indicator-rgb,6,214,160),.16)}
.tl-badge--rejected{background:rgba(var(--error-text-color-rgb,210,75,78),.12)}
.tl-badge--superseded{opacity:.7}
.tl-quote{margin:4px 0;padding:2px 8px;border-left:3px solid rgba(var(--center-channel-color-rgb),.16);white-space:pre-wrap}
.tl-upload{display:flex;gap:8px;align-items:center}
.tl-progress{flex:1;height:8px;border-radius:4px;overflow:hidden;background:rgba(var(--center-channel-color-rgb),.08)}
.tl-progress span{display:block;height:100%;background:var(--button-bg);transition:width .2s}
.tl-compare{display:grid;grid-template-columns:1fr 1fr;gap:8px}
.tl-compare figure{margin:0}
.tl-compare img{width:100%;border:1px solid rgba(var(--center-channel-color-rgb),.08);border-radius:4px}
.tl-compare figcaption{font-size:12px}
.tl-digests{padding:8px 12px;overflow:auto}
.tl-mywork{padding:8px 12px;overflow:auto}
.tl-mywork__list{list-style:none;margin:0 0 8px;padding:0}
.tl-mywork__list li{padding:2px 0}
.tl-mywork__where{margin-left:4px}
.tl-search{margin-bottom:8px}
.tl-feeds__list{list-style:none;margin:0;padding:0}
.tl-feeds__row{display:flex;flex-wrap:wrap;align-items:center;gap:4px 8px;padding:4px 0}
.tl-feeds__new .tl-input{width:100%}
`;

// `css`: a chunk's own rules, added while its view is shown.
export function injectStyles(css = CSS): () => void {
    const el = document.createElement('style');
    el.setAttribute('data-throughline', '');
    el.textContent = css;
    document.head.appendChild(el);
    return () => el.remove();
}
