/**
 * The embedded chain's child process: it answers JSON-RPC once started and is gone after stop(),
 * and also when the process that started it exits, throws, is terminated or is killed with SIGKILL.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { locateAnvil, startAnvil } from '../../src/evm/anvil.js'

const distAnvil = fileURLToPath(new URL('../../dist/src/evm/anvil.js', import.meta.url))

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Polls with a deadline: a process's disappearance raises no event we could wait on. */
async function gone(pid: number, deadlineMs = 5_000): Promise<boolean> {
  const end = Date.now() + deadlineMs
  while (Date.now() < end) {
    if (!alive(pid)) return true
    await new Promise((r) => setTimeout(r, 20))
  }
  return !alive(pid)
}

async function rpc(url: string, method: string): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: [] }),
  })
  return ((await res.json()) as { result: unknown }).result
}

describe('anvil child process', () => {
  it('finds the binary shipped in npm', () => {
    expect(locateAnvil()).toMatch(/anvil$/)
    expect(() => locateAnvil('/nonexistent/anvil')).not.toThrow()
  })

  it('starts on a free loopback port, answers JSON-RPC, and stop() kills it', async () => {
    const a = await startAnvil({ chainId: 4242n })
    const b = await startAnvil()
    expect(a.rpcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(a.rpcUrl).not.toBe(b.rpcUrl)
    expect(await rpc(a.rpcUrl, 'eth_chainId')).toBe('0x1092')
    expect(alive(a.pid)).toBe(true)
    await a.stop()
    await a.stop()
    expect(alive(a.pid)).toBe(false)
    await expect(rpc(a.rpcUrl, 'eth_chainId')).rejects.toThrow()
    await b.stop()
    expect(alive(b.pid)).toBe(false)
  })

  it('reports a binary that cannot start', async () => {
    await expect(startAnvil({ binary: '/bin/false', startTimeoutMs: 5_000 })).rejects.toMatchObject({
      name: 'AnvilStartError',
    })
  })

  // A parent that ends in each of these ways must not leave its anvil behind.
  it.each([
    ['process.exit()', 'process.exit(0)'],
    ['an uncaught exception', "throw new Error('boom')"],
    ['SIGTERM', "process.kill(process.pid, 'SIGTERM')"],
    ['SIGKILL', "process.kill(process.pid, 'SIGKILL')"],
  ])('is killed when its parent ends by %s', async (_how, ending) => {
    const script = `
      const { startAnvil } = await import(${JSON.stringify(distAnvil)})
      const a = await startAnvil()
      process.stdout.write('pid ' + a.pid + '\\n')
      setTimeout(() => { ${ending} }, 50)
      setInterval(() => {}, 1000)
    `
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    const pid = await new Promise<number>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString()
        const m = /pid (\d+)/.exec(out)
        if (m) resolve(Number(m[1]))
      })
      child.once('exit', (code) => reject(new Error(`child exited (${code}) before starting anvil`)))
    })
    expect(pid).toBeGreaterThan(0)
    await exited
    expect(await gone(pid)).toBe(true)
  })
})
