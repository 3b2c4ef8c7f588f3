/** Reads vector JSON back into message objects, driven by the wire schemas (bytes are hex). */
import type { FieldType, WireSchema } from '../../src/wire.js'

export const fromHex = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'))
export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex')

function convert(type: FieldType, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => convert(type, v))
  if (type === 'bytes') return fromHex(value as string)
  if (type === 'string') return value
  if (type === 'varint' || type === 'u32') return typeof value === 'string' ? BigInt(value) : value
  return fromJson(type, value as Record<string, unknown>)
}

/** Converts `json` (as the generator wrote it) into the object the codecs take. */
export function fromJson<T>(schema: WireSchema, json: Record<string, unknown>): T {
  const types = new Map(Object.values(schema.fields).map(([name, type]) => [name, type]))
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(json)) {
    const type = types.get(key)
    if (type === undefined) throw new Error(`${schema.name} has no field ${key}`)
    out[key] = convert(type, value)
  }
  return out as T
}

/** The `.name` of what `fn` throws, or null when it returns. */
export function thrownName(fn: () => unknown): string | null {
  try {
    fn()
    return null
  } catch (err) {
    return (err as Error).name
  }
}
