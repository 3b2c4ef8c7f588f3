/**
 * Structured logs (pino, JSON lines on stderr, so stdout stays clean for `--json` output).
 * Scoped by `module` (`bazaar:cli`, `bazaar:api`, ...). Payloads and keys never reach a log:
 * callers log ids and sizes only, and these paths are redacted in case one slips through.
 */
import { type Logger, pino } from 'pino'

const REDACT = [
  'input',
  'output',
  'result',
  'token',
  'privateKey',
  'seed',
  'preimage',
  'passphrase',
  'authorization',
  '*.input',
  '*.output',
  '*.token',
  '*.privateKey',
  '*.preimage',
  'headers.authorization',
]

/** Creates the root logger at `level`, writing to stderr. */
export function createLogger(level: string, module = 'bazaar:cli'): Logger {
  return pino(
    {
      level,
      base: { module },
      redact: { paths: REDACT, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.destination({ fd: 2, sync: true }),
  )
}
