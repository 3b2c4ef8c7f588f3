#!/usr/bin/env node
/**
 * The `bazaar` executable. libp2p 3 needs Node 22 or newer: on an older Node this file (which
 * itself runs anywhere) looks for the Node the workspace pins (`node_modules/.bin/node`, the
 * `node` devDependency) and re-runs itself with it; if there is none it says what to do.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const MIN_NODE_MAJOR = 22

function findWorkspaceNode(from: string): string | undefined {
  let dir = from
  for (;;) {
    const candidate = join(dir, 'node_modules', '.bin', 'node')
    if (existsSync(candidate)) return candidate
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

const major = Number(process.versions.node.split('.')[0])
if (major < MIN_NODE_MAJOR) {
  const self = fileURLToPath(import.meta.url)
  const node = process.env.BAZAAR_REEXEC === '1' ? undefined : findWorkspaceNode(dirname(self))
  if (node === undefined) {
    process.stderr.write(
      `error: bazaar needs Node ${MIN_NODE_MAJOR} or newer (this is ${process.version})\n` +
        '  hint: run it through the workspace: `pnpm exec bazaar ...` or `pnpm bazaar ...`\n',
    )
    process.exit(1)
  }
  const child = spawnSync(node, [self, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, BAZAAR_REEXEC: '1' },
  })
  process.exit(child.status ?? (child.signal === 'SIGINT' ? 130 : 1))
} else {
  const { main } = await import('./main.js')
  // Exit explicitly: a stopped node may leave timers that would keep the process alive.
  process.exit(await main(process.argv))
}
