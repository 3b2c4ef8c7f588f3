/**
 * The hand-written wire schemas (src/schemas.ts) must mirror the .proto files exactly: every
 * field's number, name and wire shape. Parsed from the .proto text so a schema change that
 * forgets one side fails here.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as schemas from '../src/schemas.js'
import type { FieldType, WireSchema } from '../src/wire.js'

const dir = new URL('../src/pb/', import.meta.url)
const protoText = readdirSync(dir)
  .filter((f) => f.endsWith('.proto'))
  .map((f) => readFileSync(new URL(f, dir), 'utf8'))
  .join('\n')

const messages = new Map<string, [number, string, string, boolean][]>()
for (const m of protoText.matchAll(/message (\w+) \{([\s\S]*?)\n\}/g)) {
  const fields: [number, string, string, boolean][] = []
  for (const f of m[2]!.matchAll(/^\s*(repeated |optional )?(\w+) (\w+) = (\d+);/gm)) {
    fields.push([
      Number(f[4]),
      f[3]!.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()),
      f[2]!,
      f[1] === 'repeated ',
    ])
  }
  messages.set(m[1]!, fields)
}
const enums = new Set([...protoText.matchAll(/enum (\w+) \{/g)].map((m) => m[1]!))

function expected(type: string): string {
  if (type === 'string' || type === 'bytes') return type
  if (messages.has(type)) return type
  if (enums.has(type) || type === 'uint32') return 'u32'
  if (type === 'uint64' || type === 'bool') return 'varint'
  throw new Error(`unknown proto type ${type}`)
}

function shape(type: FieldType): string {
  return typeof type === 'string' ? type : type.name
}

const all = Object.values(schemas) as WireSchema[]
const ENVELOPES = new Set(['Envelope'])

describe.each(all)('schema $name', (schema) => {
  it('mirrors its .proto message', () => {
    if (ENVELOPES.has(schema.name)) {
      for (const name of ['AgentCard', 'JobRequest', 'Quote', 'ChannelOpen', 'Attestation']) {
        expect(messages.get(name)).toEqual([
          [1, 'body', 'bytes', false],
          [2, 'signature', 'bytes', false],
        ])
      }
      return
    }
    const proto = messages.get(schema.name)
    expect(proto, `message ${schema.name} in a .proto`).toBeDefined()
    const fromSchema = Object.entries(schema.fields).map(([n, [name, type]]) => [
      Number(n),
      name,
      shape(type),
    ])
    const fromProto = proto!.map(([n, name, type]) => {
      const t = expected(type)
      // Oneof members that are signed envelopes are checked through the Envelope schema.
      return [
        n,
        name,
        ['AgentCard', 'JobRequest', 'Quote', 'ChannelOpen', 'Attestation'].includes(t) ? 'Envelope' : t,
      ]
    })
    expect(fromSchema).toEqual(fromProto)
    expect(schema.oneof === true).toBe(protoText.includes(`message ${schema.name} {\n  oneof`))
  })
})
