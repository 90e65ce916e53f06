// Checks the translations against the code: en.json must be exactly what `formatjs extract` finds
// (npm run i18n:extract writes it), and every other locale must have every key, translated, with the
// same placeholders, and no key the code no longer uses.
//   node scripts/check-i18n.mjs          print the problems, exit 1 if there are any
//   node scripts/check-i18n.mjs --print  print the extracted messages as JSON
import {execFileSync} from 'node:child_process';
import {readFileSync, readdirSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const i18nDir = join(root, 'i18n');
const require = createRequire(import.meta.url);
const cli = join(dirname(require.resolve('@formatjs/cli/package.json')), 'bin/formatjs');

export function extract() {
    const out = execFileSync(process.execPath, [cli, 'extract', 'src/**/*.{ts,tsx}', '--format', 'simple', '--throws'], {cwd: root, encoding: 'utf8'});
    return JSON.parse(out);
}

const placeholders = (s) => Array.from(s.matchAll(/\{(\w+)/g), (m) => m[1]).sort().join(',');
const read = (file) => JSON.parse(readFileSync(join(i18nDir, file), 'utf8'));

export function check(messages) {
    const errors = [];
    const en = read('en.json');
    for (const id of Object.keys(messages)) {
        if (en[id] !== messages[id]) {
            errors.push(`en.json: ${id} ${id in en ? 'differs from the code' : 'is missing'}`);
        }
    }
    for (const file of readdirSync(i18nDir).filter((f) => f.endsWith('.json'))) {
        const other = file === 'en.json' ? en : read(file);
        for (const id of Object.keys(other)) {
            if (!(id in messages)) {
                errors.push(`${file}: ${id} is not used in the code`);
            }
        }
        if (file === 'en.json') {
            continue;
        }
        for (const id of Object.keys(messages)) {
            if (typeof other[id] !== 'string' || !other[id].trim()) {
                errors.push(`${file}: missing ${id}`);
            } else if (placeholders(other[id]) !== placeholders(messages[id])) {
                errors.push(`${file}: ${id} has placeholders {${placeholders(other[id])}}, English has {${placeholders(messages[id])}}`);
            }
        }
    }
    if (errors.length) {
        errors.push('Run npm run i18n:extract -w webapp for en.json, then translate what is missing.');
    }
    return errors;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const messages = extract();
    if (process.argv.includes('--print')) {
        process.stdout.write(JSON.stringify(messages));
    } else {
        const errors = check(messages);
        if (errors.length) {
            process.stderr.write(errors.join('\n') + '\n');
            process.exit(1);
        }
    }
}
