// Extracts {id, defaultMessage} pairs from src into i18n/en.json.
//   node scripts/extract-i18n.mjs          write en.json
//   node scripts/extract-i18n.mjs --check  fail if en.json is stale or another locale's keys differ
//   node scripts/extract-i18n.mjs --print  print the extracted messages as JSON
import {readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs';
import {dirname, join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const i18nDir = join(root, 'i18n');

function* sources(dir) {
    for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
            yield* sources(path);
        } else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) {
            yield path;
        }
    }
}

const PAIR = /\{\s*id:\s*'([^']+)',\s*defaultMessage:\s*'((?:[^'\\]|\\.)*)'\s*,?\s*\}/g;
const ANY_ID = /\bid(?:=|:\s*)['"](throughline\.[^'"]+)['"]/g;

export function extract() {
    const messages = {};
    const problems = [];
    for (const file of sources(join(root, 'src'))) {
        const text = readFileSync(file, 'utf8');
        const paired = new Set();
        for (const [, id, raw] of text.matchAll(PAIR)) {
            const message = raw.replace(/\\(.)/g, '$1');
            if (id in messages && messages[id] !== message) {
                problems.push(`${id}: two different default messages`);
            }
            messages[id] = message;
            paired.add(id);
        }
        for (const [, id] of text.matchAll(ANY_ID)) {
            if (!paired.has(id)) {
                problems.push(`${relative(root, file)}: ${id} has no defaultMessage next to it`);
            }
        }
    }
    const sorted = Object.fromEntries(Object.entries(messages).sort(([a], [b]) => a.localeCompare(b)));
    return {messages: sorted, problems};
}

const placeholders = (s) => Array.from(s.matchAll(/\{(\w+)/g), (m) => m[1]).sort().join(',');

function check(messages) {
    const errors = [];
    const en = JSON.parse(readFileSync(join(i18nDir, 'en.json'), 'utf8'));
    if (JSON.stringify(en) !== JSON.stringify(messages)) {
        errors.push('i18n/en.json is stale: run npm run i18n:extract');
    }
    for (const file of readdirSync(i18nDir).filter((f) => f.endsWith('.json') && f !== 'en.json')) {
        const other = JSON.parse(readFileSync(join(i18nDir, file), 'utf8'));
        for (const id of Object.keys(messages)) {
            if (typeof other[id] !== 'string' || !other[id].trim()) {
                errors.push(`${file}: missing ${id}`);
            } else if (placeholders(other[id]) !== placeholders(messages[id])) {
                errors.push(`${file}: ${id} has placeholders {${placeholders(other[id])}}, English has {${placeholders(messages[id])}}`);
            }
        }
        for (const id of Object.keys(other)) {
            if (!(id in messages)) {
                errors.push(`${file}: ${id} is not used in the code`);
            }
        }
    }
    return errors;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const {messages, problems} = extract();
    if (problems.length) {
        console.error(problems.join('\n'));
        process.exit(1);
    }
    if (process.argv.includes('--print')) {
        process.stdout.write(JSON.stringify(messages));
    } else if (process.argv.includes('--check')) {
        const errors = check(messages);
        if (errors.length) {
            console.error(errors.join('\n'));
            process.exit(1);
        }
    } else {
        writeFileSync(join(i18nDir, 'en.json'), JSON.stringify(messages, null, 4) + '\n');
    }
}
