/** Latency summaries for the simulation report and the benchmark. */

export interface LatencySummary {
  count: number
  /** Milliseconds. */
  p50: number
  p95: number
  p99: number
  max: number
  mean: number
}

/** Nearest-rank percentile of an ascending sorted array (`q` in [0, 1]); NaN when empty. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank]!
}

/** Summary of a sample of milliseconds, rounded to 0.01 ms; zeros (count 0) when empty. */
export function summarize(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 }
  const sorted = [...samples].sort((a, b) => a - b)
  const round = (x: number): number => Math.round(x * 100) / 100
  const sum = sorted.reduce((a, b) => a + b, 0)
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
    p99: round(percentile(sorted, 0.99)),
    max: round(sorted[sorted.length - 1]!),
    mean: round(sum / sorted.length),
  }
}
