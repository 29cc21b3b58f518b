// Draws Ferry's icon (build/icon.png, 512×512): a rounded square with the
// app's blue-to-teal gradient and a white wave. Rerun after changing the design:
//   node build/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const RADIUS = 112;
const from = [47, 111, 223];
const to = [51, 179, 166];

function pixel(x, y) {
  // Outside the rounded corners: transparent.
  const cx = Math.min(Math.max(x, RADIUS), SIZE - 1 - RADIUS);
  const cy = Math.min(Math.max(y, RADIUS), SIZE - 1 - RADIUS);
  if ((x - cx) ** 2 + (y - cy) ** 2 > RADIUS ** 2) return [0, 0, 0, 0];
  const t = (x + y) / (2 * SIZE);
  const base = from.map((c, i) => Math.round(c + (to[i] - c) * t));
  // Two waves: the hull line of a ferry on water.
  for (const [offset, thickness] of [[300, 26], [370, 18]]) {
    const wave = offset + Math.sin((x / SIZE) * Math.PI * 3) * 22;
    if (Math.abs(y - wave) < thickness / 2 && x > 96 && x < SIZE - 96) return [255, 255, 255, 255];
  }
  // The deck: a white trapezoid above the waves.
  if (y > 170 && y < 260 && x > 150 + (260 - y) * 0.4 && x < 362 - (260 - y) * 0.4) return [255, 255, 255, 235];
  return [...base, 255];
}

const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) Buffer.from(pixel(x, y)).copy(raw, y * (SIZE * 4 + 1) + 1 + x * 4);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buffer) => {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`wrote build/icon.png (${png.length} bytes)`);
