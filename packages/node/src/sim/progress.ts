/**
 * A one-line progress bar on stderr. On a TTY it redraws in place (at most every 100 ms); on a
 * pipe it prints a line every 10% so CI logs stay short.
 */
export interface ProgressBar {
  update(done: number, detail?: string): void
  finish(detail?: string): void
}

export function createProgressBar(
  total: number,
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressBar {
  const tty = stream.isTTY === true
  const width = 30
  let lastDraw = 0
  let lastDecile = -1
  const started = performance.now()
  const render = (done: number, detail: string): string => {
    const ratio = total === 0 ? 1 : Math.min(1, done / total)
    const filled = Math.round(ratio * width)
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${seconds}s ${detail}`
  }
  return {
    update(done, detail = '') {
      if (tty) {
        const now = performance.now()
        if (now - lastDraw < 100 && done < total) return
        lastDraw = now
        stream.write(`\r${render(done, detail).slice(0, (stream.columns ?? 120) - 1)}\x1b[K`)
        return
      }
      const decile = Math.floor((done / Math.max(1, total)) * 10)
      if (decile !== lastDecile) {
        lastDecile = decile
        stream.write(`${render(done, detail)}\n`)
      }
    },
    finish(detail = 'done') {
      if (tty) stream.write(`\r${render(total, detail)}\x1b[K\n`)
      else stream.write(`${render(total, detail)}\n`)
    },
  }
}
