/**
 * Loads the node's configuration: the TOML file in the data directory, overridden by BAZAAR_*
 * environment variables, overridden by flags. Every value is validated here, so a typo fails at
 * start with the file, the field and what to do, not later inside the node.
 */
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { parse } from 'smol-toml'
import { ConfigInvalidError, ConfigMissingError } from './errors.js'

/** File name of the config inside the data directory. */
export const CONFIG_FILE = 'bazaar.toml'

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent'
const LOG_LEVELS: readonly string[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']

export interface SkillConfig {
  id: string
  price: bigint
  concurrency: number
  timeoutMs: number
  /** Absolute path of a module exporting `handle`. */
  module?: string
  /** argv of an external command (stdin: input, stdout: result). */
  command?: string[]
}

export interface BazaarConfig {
  dataDir: string
  configPath: string
  /** Agent name and description published in the signed card. */
  name: string
  description?: string
  listen: string[]
  bootstrap: string[]
  api: { host: string; port: number; allowRemote: boolean }
  logLevel: LogLevel
  chain: { settlement: string; chainId?: bigint; contract?: string; token?: string }
  channels: { capacity: bigint; ttlSeconds: bigint; disputeWindowSeconds: bigint }
  spending: { perJob: bigint; perPeer: bigint; perDay: bigint }
  skills: SkillConfig[]
}

/** Flags that override the file (undefined: not given). */
export interface ConfigOverrides {
  listen?: string[] | undefined
  bootstrap?: string[] | undefined
  apiHost?: string | undefined
  apiPort?: number | undefined
  apiAllowRemote?: boolean | undefined
  logLevel?: string | undefined
  chain?: string | undefined
}

/** `--data-dir` > `BAZAAR_DATA_DIR` > `~/.bazaar`. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(flag ?? env.BAZAAR_DATA_DIR ?? join(homedir(), '.bazaar'))
}

/** Flags > env > file > default, for one value. */
function pick<T>(...values: (T | undefined)[]): T | undefined {
  return values.find((v) => v !== undefined)
}

function list(env: string | undefined): string[] | undefined {
  return env === undefined
    ? undefined
    : env
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0)
}

/** Reads and validates the config of `dataDir`, applying env and flag overrides. */
export async function loadConfig(
  dataDir: string,
  overrides: ConfigOverrides = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<BazaarConfig> {
  const configPath = join(dataDir, CONFIG_FILE)
  let text: string
  try {
    text = await readFile(configPath, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ConfigMissingError(configPath)
    throw error
  }
  let raw: Record<string, unknown>
  try {
    raw = parse(text) as Record<string, unknown>
  } catch (error) {
    throw new ConfigInvalidError(configPath, (error as Error).message.split('\n')[0]!, undefined, {
      cause: error,
    })
  }
  const v = new Validator(configPath, raw)
  const envPort = env.BAZAAR_API_PORT === undefined ? undefined : Number(env.BAZAAR_API_PORT)
  const logLevel = pick(overrides.logLevel, env.BAZAAR_LOG_LEVEL, v.string('log.level')) ?? 'info'
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigInvalidError(configPath, `log level "${logLevel}" is not one of ${LOG_LEVELS.join(', ')}`)
  }
  const port = pick(overrides.apiPort, envPort, v.integer('api.port')) ?? 7447
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigInvalidError(configPath, `api port ${port} is not in 0..65535`, 'api.port')
  }
  const chainId = v.integer('chain.chain_id')
  const contract = v.string('chain.contract')
  const token = v.string('chain.token')
  const description = v.string('node.description')
  return {
    dataDir,
    configPath,
    name: v.string('node.name') ?? 'bazaar-agent',
    ...(description === undefined ? {} : { description }),
    listen: pick(overrides.listen, list(env.BAZAAR_LISTEN), v.strings('node.listen')) ?? [
      '/ip4/127.0.0.1/tcp/0',
    ],
    bootstrap: pick(overrides.bootstrap, list(env.BAZAAR_BOOTSTRAP), v.strings('node.bootstrap')) ?? [],
    api: {
      host: pick(overrides.apiHost, env.BAZAAR_API_HOST, v.string('api.host')) ?? '127.0.0.1',
      port,
      allowRemote: pick(overrides.apiAllowRemote, v.boolean('api.allow_remote')) ?? false,
    },
    logLevel: logLevel as LogLevel,
    chain: {
      settlement: pick(overrides.chain, env.BAZAAR_CHAIN, v.string('chain.settlement')) ?? 'local',
      ...(chainId === undefined ? {} : { chainId: BigInt(chainId) }),
      ...(contract === undefined ? {} : { contract }),
      ...(token === undefined ? {} : { token }),
    },
    channels: {
      capacity: v.amount('channels.capacity') ?? 1_000_000n,
      ttlSeconds: BigInt(v.integer('channels.ttl_seconds') ?? 86_400),
      disputeWindowSeconds: BigInt(v.integer('channels.dispute_window_seconds') ?? 600),
    },
    spending: {
      perJob: v.amount('spending.per_job') ?? 10_000n,
      perPeer: v.amount('spending.per_peer') ?? 100_000n,
      perDay: v.amount('spending.per_day') ?? 500_000n,
    },
    skills: v.skills(dirname(configPath)),
  }
}

/** Typed access to the parsed TOML with errors that name the field. */
class Validator {
  constructor(
    private readonly path: string,
    private readonly raw: Record<string, unknown>,
    /** Shown instead of the first path segment (for entries of an array of tables). */
    private readonly prefix?: string,
  ) {}

  private get(field: string): unknown {
    let value: unknown = this.raw
    for (const part of field.split('.')) {
      if (typeof value !== 'object' || value === null) return undefined
      value = (value as Record<string, unknown>)[part]
    }
    return value
  }

  private fail(field: string, expected: string): never {
    const shown = this.prefix === undefined ? field : field.replace(/^[^.]+/, this.prefix)
    throw new ConfigInvalidError(this.path, `${shown} must be ${expected}`, shown)
  }

  string(field: string): string | undefined {
    const value = this.get(field)
    if (value === undefined) return undefined
    return typeof value === 'string' ? value : this.fail(field, 'a string')
  }

  strings(field: string): string[] | undefined {
    const value = this.get(field)
    if (value === undefined) return undefined
    if (!Array.isArray(value) || !value.every((s) => typeof s === 'string'))
      this.fail(field, 'a list of strings')
    return value as string[]
  }

  integer(field: string): number | undefined {
    const value = this.get(field)
    if (value === undefined) return undefined
    if (typeof value === 'bigint') return Number(value)
    return typeof value === 'number' && Number.isInteger(value) ? value : this.fail(field, 'an integer')
  }

  boolean(field: string): boolean | undefined {
    const value = this.get(field)
    if (value === undefined) return undefined
    return typeof value === 'boolean' ? value : this.fail(field, 'true or false')
  }

  amount(field: string): bigint | undefined {
    const value = this.get(field)
    if (value === undefined) return undefined
    if (typeof value === 'string' && /^[0-9]{1,78}$/.test(value)) return BigInt(value)
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value)
    return this.fail(field, 'a non-negative integer amount, e.g. "1000"')
  }

  skills(baseDir: string): SkillConfig[] {
    const value = this.raw.skills
    if (value === undefined) return []
    if (!Array.isArray(value)) this.fail('skills', 'an array of tables ([[skills]])')
    return value.map((entry: unknown, i: number) => {
      const field = `skills[${i}]`
      if (typeof entry !== 'object' || entry === null) this.fail(field, 'a table')
      const sub = new Validator(this.path, { s: entry }, field)
      const id = sub.string('s.id') ?? this.fail(`${field}.id`, 'a skill id')
      const price = sub.amount('s.price') ?? this.fail(`${field}.price`, 'an amount')
      const module = sub.string('s.module')
      const command = sub.strings('s.command')
      if ((module === undefined) === (command === undefined)) {
        this.fail(field, 'given exactly one of module = "..." or command = ["..."]')
      }
      if (command !== undefined && command.length === 0) this.fail(`${field}.command`, 'a non-empty list')
      const skill: SkillConfig = {
        id,
        price,
        concurrency: sub.integer('s.concurrency') ?? 4,
        timeoutMs: sub.integer('s.timeout_ms') ?? 30_000,
        ...(module === undefined ? {} : { module: isAbsolute(module) ? module : resolve(baseDir, module) }),
        ...(command === undefined ? {} : { command }),
      }
      return skill
    })
  }
}
