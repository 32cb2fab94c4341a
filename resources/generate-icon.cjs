#!/usr/bin/env node
/**
 * Writes resources/icon.png: a 512×512 app icon (grid levels with a price line) drawn pixel by
 * pixel and encoded as PNG with zlib, so it needs no image library. Run: node resources/generate-icon.cjs
 */
const { writeFileSync } = require('node:fs')
const { join } = require('node:path')
const { deflateSync } = require('node:zlib')

const size = 512
const background = [16, 21, 28]
const panel = [27, 34, 45]
const gridLine = [72, 84, 102]
const buyLine = [63, 185, 80]
const sellLine = [248, 81, 73]
const priceLine = [240, 192, 64]

/** Returns the colour of one pixel. */
function colourAt(x, y) {
  const margin = 40
  const radius = 96
  const inside = x >= margin && x < size - margin && y >= margin && y < size - margin
  if (!inside) return null
  // Rounded corners of the panel
  const cx = Math.min(Math.max(x, margin + radius), size - margin - radius - 1)
  const cy = Math.min(Math.max(y, margin + radius), size - margin - radius - 1)
  if ((x - cx) ** 2 + (y - cy) ** 2 > radius ** 2) return null
  const levels = [136, 196, 256, 316, 376]
  const price = 256 + Math.round(70 * Math.sin((x - 96) / 52))
  if (x >= 96 && x < size - 96 && Math.abs(y - price) <= 6) return priceLine
  for (const level of levels) {
    if (Math.abs(y - level) <= 5 && x >= 88 && x < size - 88) {
      if (level < 256) return sellLine
      if (level > 256) return buyLine
      return gridLine
    }
  }
  return panel
}

function crc32(buffer) {
  let crc = ~0
  for (const byte of buffer) {
    crc ^= byte
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1))
  }
  return ~crc >>> 0
}

function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

const rows = []
for (let y = 0; y < size; y++) {
  const row = Buffer.alloc(1 + size * 4)
  for (let x = 0; x < size; x++) {
    const colour = colourAt(x, y)
    const offset = 1 + x * 4
    const [r, g, b] = colour ?? background
    row[offset] = r
    row[offset + 1] = g
    row[offset + 2] = b
    row[offset + 3] = colour === null ? 0 : 255
  }
  rows.push(row)
}

const header = Buffer.alloc(13)
header.writeUInt32BE(size, 0)
header.writeUInt32BE(size, 4)
header[8] = 8 // Bit depth
header[9] = 6 // Colour type RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0))
])
writeFileSync(join(__dirname, 'icon.png'), png)
