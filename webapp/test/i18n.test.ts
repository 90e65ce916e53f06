import {execFileSync} from 'child_process';
import {readFileSync, readdirSync} from 'fs';
import {join} from 'path';

const script = join(__dirname, '../scripts/check-i18n.mjs');
const read = (f: string) => JSON.parse(readFileSync(join(__dirname, '../i18n', f), 'utf8')) as Record<string, string>;

describe('translations', () => {
    test('en.json is exactly the messages formatjs extracts from the code', () => {
        const extracted = JSON.parse(execFileSync(process.execPath, [script, '--print'], {encoding: 'utf8'}));
        expect(read('en.json')).toEqual(extracted);
        expect(Object.keys(extracted).every((id) => id.startsWith('throughline.'))).toBe(true);
    });

    test('ru.json has the same keys, every one translated, with the same placeholders', () => {
        expect(() => execFileSync(process.execPath, [script], {encoding: 'utf8', stdio: 'pipe'})).not.toThrow();
        const en = read('en.json');
        const ru = read('ru.json');
        expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
        const untranslated = Object.keys(en).filter((id) => ru[id] === en[id] && /[a-z]{3}/.test(en[id].replace(/Throughline|\{\w+\}/g, '')));
        expect(untranslated).toEqual([]);
    });

    test('no source file imports a locale file (only the user\'s locale is loaded, at runtime)', () => {
        const importing: string[] = [];
        const walk = (dir: string) => readdirSync(dir, {withFileTypes: true}).forEach((e) => {
            const path = join(dir, e.name);
            if (e.isDirectory()) {
                walk(path);
            } else if (/from\s+['"][^'"]*i18n\/\w+\.json['"]/.test(readFileSync(path, 'utf8'))) {
                importing.push(path);
            }
        });
        walk(join(__dirname, '../src'));
        expect(importing).toEqual([]);
    });
});
