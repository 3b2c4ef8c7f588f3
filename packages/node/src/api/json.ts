/** JSON over the control API: bigints travel as decimal strings, bytes as base64. */

/** `JSON.stringify` that writes bigints as decimal strings and Uint8Arrays as base64. */
export function toJson(value: unknown, space?: number): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (typeof v === 'bigint') return v.toString()
      if (v instanceof Uint8Array) return Buffer.from(v).toString('base64')
      return v
    },
    space,
  )
}

/** Parses a non-negative integer amount given as a decimal string or a safe integer. */
export function parseAmount(value: unknown): bigint | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value)
  if (typeof value === 'string' && /^[0-9]{1,78}$/.test(value)) return BigInt(value)
  return undefined
}
