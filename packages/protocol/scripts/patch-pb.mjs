#!/usr/bin/env node
// Runs after `protons src/pb/*.proto` (see the `generate` script): routes every uint64 write and
// read of the generated codecs through src/pb/uint64.ts (protons-runtime 7.1.2 mis-encodes values
// in [2^31, 2^32), and its BigInt conversion is slow on the hot path). Idempotent.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = new URL('../src/pb/', import.meta.url).pathname
const IMPORT = "import { readUint64, writeUint64 } from './uint64.js'\n"
for (const name of readdirSync(dir)) {
  if (!name.endsWith('.ts') || name === 'uint64.ts') continue
  const path = join(dir, name)
  let text = readFileSync(path, 'utf8')
  if (!text.includes('w.uint64(') && !text.includes('reader.uint64()')) continue
  text = text
    .replace(/w\.uint64\(([^)]*)\)/g, 'writeUint64(w, $1)')
    .replace(/reader\.uint64\(\)/g, 'readUint64(reader)')
    .replace("import { writeUint64 } from './uint64.js'\n", '')
  if (!text.includes(IMPORT)) text = IMPORT + text
  writeFileSync(path, text)
}
