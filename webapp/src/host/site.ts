// Where Mattermost is served (it may run under a subpath), and what its session cookies say.
export const siteBase = () => (typeof window.basename === 'string' ? window.basename.replace(/\/$/, '') : '');

function readCookie(name: string): string {
    const m = document.cookie.match(new RegExp('(?:^|;\\s*)' + name + '=([^;]*)'));
    return m ? decodeURIComponent(m[1]) : '';
}

// Mattermost checks cookie-authenticated writes against this readable cookie; so does the service.
export const csrfToken = () => readCookie('MMCSRF');
