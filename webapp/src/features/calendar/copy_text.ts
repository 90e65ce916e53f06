// Copies text to the clipboard: the async Clipboard API where the page may use it (a secure
// context), else the selected text of `fallback` through the older copy command. False when
// neither worked: the address stays selected for the person to copy by hand.
export async function copyText(text: string, fallback: HTMLInputElement | null): Promise<boolean> {
    if (typeof navigator !== 'undefined' && navigator.clipboard?.writeText) {
        try {
            await navigator.clipboard.writeText(text);
            return true;
        } catch {
            // Refused (no permission, not focused): try the older way.
        }
    }
    if (!fallback) {
        return false;
    }
    fallback.focus();
    fallback.select();
    try {
        return typeof document.execCommand === 'function' && document.execCommand('copy');
    } catch {
        return false;
    }
}
