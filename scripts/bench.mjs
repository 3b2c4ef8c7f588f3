#!/usr/bin/env node
// Runs every built benchmark, `packages/*/dist/bench/*.js`, one after another (never in
// parallel: each prints figures beside a baseline measured in the same run, on the same cores).
// `pnpm bench` builds first. Pass a substring to run only matching benchmarks: `pnpm bench protocol`.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const filter = process.argv[2] ?? ''
const files = []
for (const pkg of readdirSync(join(root, 'packages')).sort()) {
  const dir = join(root, 'packages', pkg, 'dist', 'bench')
  if (!existsSync(dir)) continue
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.js') && join(pkg, name).includes(filter)) files.push(join(dir, name))
  }
}
if (files.length === 0) {
  console.error('no benchmarks found: run `pnpm build` first')
  process.exit(1)
}
let failed = 0
for (const file of files) {
  console.log(`\n== ${file.slice(root.length)}`)
  const { status } = spawnSync(process.execPath, [file], { stdio: 'inherit', cwd: root })
  if (status !== 0) {
    console.error(`benchmark failed (exit ${status}): ${file}`)
    failed++
  }
}
process.exit(failed === 0 ? 0 : 1)
