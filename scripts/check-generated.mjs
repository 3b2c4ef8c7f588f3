#!/usr/bin/env node
// Regenerates every generated file (protons codecs, contract artifacts) and fails if the
// committed copies differ: generated code must be committed current with its sources.
import { execFileSync } from 'node:child_process'

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' })

// The pnpm running this script (npm_execpath), so a machine without a global pnpm works too.
const pnpm = process.env.npm_execpath
if (pnpm !== undefined && /\.[cm]?js$/.test(pnpm))
  run(process.execPath, [pnpm, '-r', '--if-present', 'run', 'generate'])
else run('pnpm', ['-r', '--if-present', 'run', 'generate'])
try {
  execFileSync(
    'git',
    // `:(glob)` pathspecs: a plain `packages/*/src/pb` matches no file at all, so nothing was checked.
    [
      'diff',
      '--exit-code',
      '--stat',
      '--',
      ':(glob)packages/*/src/pb/**',
      ':(glob)packages/*/src/**/generated/**',
    ],
    {
      stdio: 'inherit',
    },
  )
} catch {
  console.error('generated code is out of date: run `pnpm generate` and commit the result')
  process.exit(1)
}
console.log('generated code is current')
