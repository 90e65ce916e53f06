// Puts the plugin's static files in ../public (served by Mattermost at /plugins/<id>/public/):
// the non-English locale files, loaded only by users of that locale, the App Bar icon, and the
// bundle's chunks (views loaded the first time they open).
import {copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {deflateSync} from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const pub = join(here, '../../public');

mkdirSync(join(pub, 'i18n'), {recursive: true});
for (const file of readdirSync(join(here, '../i18n'))) {
    if (file.endsWith('.json') && file !== 'en.json') {
        copyFileSync(join(here, '../i18n', file), join(pub, 'i18n', file));
    }
}

writeFileSync(join(pub, 'app-bar-icon.png'), iconPng(24));

const CHUNK = /^throughline-.+\.js$/;
for (const file of readdirSync(pub)) {
    if (CHUNK.test(file)) {
        rmSync(join(pub, file)); // an older build's
    }
}
for (const file of readdirSync(join(here, '../dist'))) {
    if (CHUNK.test(file)) {
        copyFileSync(join(here, '../dist', file), join(pub, file));
    }
}

// The App Bar wants an image URL: a check in a rounded square, drawn with 4x4 supersampling.
function iconPng(size) {
    const [r, g, b] = [0x1c, 0x58, 0xd9];
    const inside = (x, y) => {
        const s = x / size * 24;
        const t = y / size * 24;

        // Rounded square 3..21 with corner radius 4.
        const dx = Math.max(Math.abs(s - 12) - 5, 0);
        const dy = Math.max(Math.abs(t - 12) - 5, 0);
        const box = Math.hypot(dx, dy) <= 4;
        const onSeg = (ax, ay, bx, by) => {
            const vx = bx - ax;
            const vy = by - ay;
            const k = Math.max(0, Math.min(1, ((s - ax) * vx + (t - ay) * vy) / (vx * vx + vy * vy)));
            return Math.hypot(s - ax - k * vx, t - ay - k * vy) <= 1.3;
        };
        const check = onSeg(7.5, 12.5, 10.5, 15.5) || onSeg(10.5, 15.5, 16.5, 8.5);
        return box && !check;
    };
    const rows = [];
    for (let y = 0; y < size; y++) {
        const row = Buffer.alloc(1 + size * 4);
        for (let x = 0; x < size; x++) {
            let hits = 0;
            for (let i = 0; i < 4; i++) {
                for (let j = 0; j < 4; j++) {
                    hits += inside(x + (i + 0.5) / 4, y + (j + 0.5) / 4) ? 1 : 0;
                }
            }
            row.set([r, g, b, Math.round(hits / 16 * 255)], 1 + x * 4);
        }
        rows.push(row);
    }
    const chunk = (type, data) => {
        const len = Buffer.alloc(4);
        len.writeUInt32BE(data.length);
        const body = Buffer.concat([Buffer.from(type), data]);
        const crc = Buffer.alloc(4);
        crc.writeUInt32BE(crc32(body));
        return Buffer.concat([len, body, crc]);
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(size, 0);
    ihdr.writeUInt32BE(size, 4);
    ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
    return Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        chunk('IHDR', ihdr),
        chunk('IDAT', deflateSync(Buffer.concat(rows))),
        chunk('IEND', Buffer.alloc(0)),
    ]);
}

function crc32(buf) {
    let c = ~0;
    for (const byte of buf) {
        c ^= byte;
        for (let k = 0; k < 8; k++) {
            c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
        }
    }
    return (~c) >>> 0;
}
