#!/usr/bin/env node
// Runs after `protons src/pb/*.proto` (see the `generate` script): routes every uint64 write of
// the generated codecs through src/pb/uint64.ts, which works around protons-runtime 7.1.2
// mis-encoding values in [2^31, 2^32). Idempotent.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = new URL('../src/pb/', import.meta.url).pathname
const IMPORT = "import { writeUint64 } from './uint64.js'\n"
for (const name of readdirSync(dir)) {
  if (!name.endsWith('.ts') || name === 'uint64.ts') continue
  const path = join(dir, name)
  let text = readFileSync(path, 'utf8')
  if (!text.includes('w.uint64(')) continue
  text = text.replace(/w\.uint64\(([^)]*)\)/g, 'writeUint64(w, $1)')
  if (!text.includes(IMPORT)) text = IMPORT + text
  writeFileSync(path, text)
}
