/** Printing results: JSON for scripts (`--json`), short aligned text for people. */
import { toJson } from '../api/json.js'

/** Prints `value` as pretty JSON on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${toJson(value, 2)}\n`)
}

/** Prints rows as an aligned table on stdout; `(none)` when empty. */
export function printTable(rows: Record<string, unknown>[], columns: string[]): void {
  if (rows.length === 0) {
    process.stdout.write('(none)\n')
    return
  }
  const cell = (v: unknown): string => (v === undefined || v === null ? '-' : String(v))
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)))
  const line = (values: string[]): string =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd()
  process.stdout.write(`${line(columns.map((c) => c.toUpperCase()))}\n`)
  for (const row of rows) process.stdout.write(`${line(columns.map((c) => cell(row[c])))}\n`)
}

/** Prints `key: value` lines. */
export function printFields(fields: Record<string, unknown>): void {
  const width = Math.max(...Object.keys(fields).map((k) => k.length))
  for (const [key, value] of Object.entries(fields)) {
    const shown = typeof value === 'object' && value !== null ? toJson(value) : String(value)
    process.stdout.write(`${`${key}:`.padEnd(width + 2)}${shown}\n`)
  }
}
