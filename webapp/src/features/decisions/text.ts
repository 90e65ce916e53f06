// A one-line excerpt of at most `max` characters (not UTF-16 units).
export const clip = (text: string, max: number) => {
    const chars = Array.from(text.replace(/\s+/g, ' ').trim());
    return chars.length > max ? chars.slice(0, max).join('') + '…' : chars.join('');
};
