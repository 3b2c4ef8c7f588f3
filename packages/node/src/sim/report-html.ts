/**
 * Renders `report.html`: one self-contained file (Chart.js 4's UMD build inlined from
 * node_modules, no CDN, no network) with the report's figures, charts and checks.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { SimReport } from './report.js'

/** Reads Chart.js's UMD bundle from the installed package. */
export async function chartJsSource(): Promise<string> {
  const require = createRequire(import.meta.url)
  const main = require.resolve('chart.js') // …/chart.js/dist/chart.cjs
  return readFile(join(dirname(main), 'chart.umd.min.js'), 'utf8')
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** JSON safe to embed inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c')
}

function table(headers: string[], rows: (string | number)[][]): string {
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((c) => `<td${/^-?[0-9][0-9.,]*$/.test(String(c)) ? ' class="num"' : ''}>${escapeHtml(String(c))}</td>`).join('')}</tr>`,
    )
    .join('\n')
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`
}

/** The whole HTML document. */
export function renderReportHtml(report: SimReport, chartJs: string): string {
  const m = report.money
  const checks = report.checks.map((c) => [c.ok ? 'PASS' : 'FAIL', c.name, c.detail])
  const groups = report.groups.map((g) => [
    g.name,
    g.role,
    g.behaviour ?? '',
    g.peers.length,
    g.hired,
    g.completed,
    g.badResult,
    g.failed,
    g.earned,
    g.finalScore.toFixed(4),
  ])
  const failed = Object.entries(report.outcomes.failed).map(([k, v]) => [k, v])
  const latency = (['discovery', 'hire', 'gossip'] as const).map((k) => {
    const l = report.latency[k]
    return [k, l.count, l.p50, l.p95, l.p99, l.max]
  })
  const data = {
    outcomes: report.outcomes,
    samples: report.reputation.samples,
    groups: report.groups.filter((g) => g.role === 'worker').map((g) => g.name),
    money: m,
    latency: report.latency,
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Bazaar simulation report (seed ${report.seed})</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; padding: 0 1em; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: 0.8em 0; } td, th { border: 1px solid #ddd; padding: 4px 8px; text-align: left; }
th { background: #f4f4f4; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5em; } .chart { position: relative; height: 300px; }
.ok { color: #17702b; font-weight: bold; } .bad { color: #b00020; font-weight: bold; }
code { background: #f4f4f4; padding: 1px 4px; }
</style>
</head>
<body>
<h1>Bazaar simulation: ${escapeHtml(report.scenario.name)}</h1>
<p>${report.nodes} nodes, ${report.jobs} jobs, seed <code>${report.seed}</code>, ${(report.durationMs / 1000).toFixed(1)} s,
settlement <code>${escapeHtml(report.settlement.kind)}</code> (chain ${escapeHtml(report.settlement.chainId)}),
started ${escapeHtml(report.startedAt)}.
Books: <span class="${report.checks.every((c) => c.ok) ? 'ok">all checks pass' : 'bad">checks failed'}</span>.</p>

<h2>Checks</h2>
${table(['result', 'check', 'detail'], checks)}

<h2>Jobs</h2>
<div class="grid"><div class="chart"><canvas id="outcomes"></canvas></div><div>
${table(['failure reason', 'jobs'], failed.length === 0 ? [['(none)', 0]] : failed)}
<p>Completed and correct: ${report.outcomes.completed}; delivered but wrong: ${report.outcomes.badResult};
Sybil self-dealing jobs: ${report.outcomes.sybilSelfJobs}.</p></div></div>
${table(['group', 'role', 'behaviour', 'nodes', 'hired', 'completed', 'bad result', 'failed', 'earned', 'final score'], groups)}

<h2>Money (base units)</h2>
<div class="grid"><div class="chart"><canvas id="money"></canvas></div><div>
${table(
  ['book', 'amount'],
  [
    ['paid (client receipts)', m.paid],
    ["payers' channel books: cumulative paid", m.offChain.cumulativePaid],
    ["payees' channel books", m.payeeBooks],
    ['locked at settlement (returned to payers unless claimed)', m.offChain.locked],
    ['owed before settlement', m.owedBefore],
    ['settled to payees', m.settled.toPayees],
    ['refunded to payers', m.settled.toPayers],
    ['deposits', m.offChain.deposits],
    ['owed after settlement', m.owedAfter],
    ["on-chain: workers' net balance change (fees added back)", m.onChain.payeesDelta],
    ["on-chain: clients' net balance change (fees added back)", m.onChain.payersDelta],
    ['on-chain: locks claimed with preimages', m.onChain.claimed],
    ['transaction fees (gas; added back above)', m.onChain.fees],
  ],
)}</div></div>

<h2>Reputation of each group over time</h2>
<p>Scores as node <code>${escapeHtml(report.reputation.observer)}</code> (a client) computes them.</p>
<div class="chart"><canvas id="reputation"></canvas></div>

<h2>Latency (ms)</h2>
<div class="grid"><div class="chart"><canvas id="latency"></canvas></div><div>
${table(['what', 'samples', 'p50', 'p95', 'p99', 'max'], latency)}
<p>Phases: start-up ${report.phases.startupMs} ms, Sybil self-dealing ${report.phases.sybilMs} ms,
client jobs ${report.phases.jobsMs} ms, settlement ${report.phases.settleMs} ms. Memory: ${(report.memory.rssBytes / 2 ** 20).toFixed(0)} MiB RSS,
about ${(report.memory.perNodeBytes / 2 ** 20).toFixed(1)} MiB per node.</p></div></div>

<script>${chartJs}</script>
<script>
const data = ${scriptJson(data)};
const colors = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#666666'];
const failed = Object.entries(data.outcomes.failed);
new Chart(document.getElementById('outcomes'), { type: 'bar', data: {
  labels: ['completed', 'bad result', ...failed.map(([k]) => k)],
  datasets: [{ label: 'jobs', data: [data.outcomes.completed, data.outcomes.badResult, ...failed.map(([, v]) => v)],
    backgroundColor: ['#1b9e77', '#e7298a', ...failed.map(() => '#d95f02')] }] },
  options: { maintainAspectRatio: false, plugins: { legend: { display: false } } } });
new Chart(document.getElementById('reputation'), { type: 'line', data: {
  labels: data.samples.map((s) => s.atJob),
  datasets: data.groups.map((g, i) => ({ label: g, data: data.samples.map((s) => s.scores[g] ?? 0),
    borderColor: colors[i % colors.length], backgroundColor: colors[i % colors.length], tension: 0.2 })) },
  options: { maintainAspectRatio: false, scales: { x: { title: { display: true, text: 'jobs done' } },
    y: { title: { display: true, text: 'mean score' }, beginAtZero: true } } } });
const m = data.money;
new Chart(document.getElementById('money'), { type: 'bar', data: {
  labels: ['paid (receipts)', 'payer books', 'payee books', 'settled to payees', 'workers on chain (net)'],
  datasets: [{ label: 'base units', data: [m.paid, m.offChain.cumulativePaid, m.payeeBooks, m.settled.toPayees, m.onChain.payeesDelta].map(Number),
    backgroundColor: '#7570b3' }] },
  options: { maintainAspectRatio: false, plugins: { legend: { display: false } } } });
const l = data.latency;
new Chart(document.getElementById('latency'), { type: 'bar', data: { labels: ['discovery', 'hire', 'gossip'],
  datasets: ['p50', 'p95', 'p99'].map((q, i) => ({ label: q, data: [l.discovery[q], l.hire[q], l.gossip[q]], backgroundColor: colors[i] })) },
  options: { maintainAspectRatio: false } });
</script>
</body>
</html>
`
}
