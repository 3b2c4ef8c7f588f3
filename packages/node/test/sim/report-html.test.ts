/**
 * report.html is one self-contained file: Chart.js inlined, text escaped, and (where Chromium is
 * installed) every chart actually draws in a headless browser with the network off.
 */
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SimReport } from '../../src/sim/report.js'
import { chartJsSource, renderReportHtml } from '../../src/sim/report-html.js'
import { writeReport } from '../../src/sim/run.js'
import { DEFAULT_SCENARIO } from '../../src/sim/scenario.js'

const latency = { count: 3, p50: 1, p95: 2, p99: 3, max: 3, mean: 2 }

function report(name: string): SimReport {
  return {
    version: 1,
    scenario: { ...DEFAULT_SCENARIO, name },
    seed: 1,
    nodes: 12,
    jobs: 100,
    startedAt: new Date(0).toISOString(),
    durationMs: 1000,
    settlement: { kind: 'ledger', chainId: '1337', contract: '0x00' },
    groups: [
      {
        name: 'honest',
        role: 'worker',
        behaviour: 'honest',
        peers: ['a'],
        hired: 5,
        completed: 5,
        badResult: 0,
        failed: 0,
        earned: '500',
        finalScore: 0.3,
      },
      {
        name: 'sybil',
        role: 'worker',
        behaviour: 'sybil',
        peers: ['b'],
        hired: 2,
        completed: 0,
        badResult: 2,
        failed: 0,
        earned: '40',
        finalScore: 0,
      },
    ],
    outcomes: { completed: 5, badResult: 2, failed: { deadline: 1 }, sybilSelfJobs: 4 },
    money: {
      paid: '540',
      offChain: { cumulativePaid: '540', locked: '0', deposits: '1000' },
      payeeBooks: '540',
      owedBefore: '540',
      owedAfter: '0',
      settled: { toPayees: '540', toPayers: '460', channels: 2 },
      onChain: { payeesDelta: '540', payersDelta: '-540', fees: '0', claimed: '0' },
    },
    reputation: {
      observer: 'c',
      samples: [
        { atJob: 50, scores: { honest: 0.1, sybil: 0 } },
        { atJob: 100, scores: { honest: 0.3, sybil: 0 } },
      ],
      final: [],
    },
    latency: { startupMs: 10, discovery: latency, hire: latency, gossip: latency },
    phases: { startupMs: 10, sybilMs: 1, jobsMs: 900, settleMs: 50 },
    memory: { rssBytes: 2 ** 27, perNodeBytes: 2 ** 23 },
    checks: [{ name: 'books', ok: true, detail: '540 vs 540' }],
  }
}

function hasChromium(): boolean {
  try {
    execFileSync('chromium', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bazaar-report-'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('report.html', () => {
  it('inlines Chart.js and loads nothing from the network', async () => {
    const html = renderReportHtml(report('x'), await chartJsSource())
    expect(html).toContain('Chart.js v4')
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/cdn/)
  })

  it('escapes text from the scenario', async () => {
    const html = renderReportHtml(report('<img src=x onerror=alert(1)>'), '')
    expect(html).not.toContain('<img src=x')
    expect(html).toContain('&#60;img src=x')
  })

  it.skipIf(!hasChromium())('draws every chart in headless Chromium', async () => {
    const { html } = await writeReport(report('browser'), dir)
    const dom = execFileSync(
      'chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--virtual-time-budget=3000',
        '--dump-dom',
        `file://${html}`,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 },
    )
    // Chart.js sizes each canvas it draws on (inline style), so an undrawn chart has none.
    for (const id of ['outcomes', 'money', 'reputation', 'latency']) {
      expect(dom).toMatch(new RegExp(`<canvas id="${id}"[^>]*style="[^"]*width`))
    }
  })
})
