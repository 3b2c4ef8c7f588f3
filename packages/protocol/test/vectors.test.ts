/**
 * Checks every committed vector (test/vectors/*.json): canonical encoding, signed input,
 * signatures by node:crypto and @noble/ed25519 alike, EIP-712 bytes and digests by native and
 * noble Keccak, secp256k1 signatures by libsecp256k1 and @noble/curves alike, verification of
 * the encoded message, and the error of each invalid case.
 */
import { readFileSync } from 'node:fs'
import { secp256k1 as nobleSecp } from '@noble/curves/secp256k1.js'
import { describe, expect, it } from 'vitest'
import * as p from '../src/index.js'
import {
  AgentCardBodySchema,
  AttestationBodySchema,
  ChannelOpenBodySchema,
  ChannelUpdateSchema,
  DeliveryBodySchema,
  JobRequestBodySchema,
  QuoteBodySchema,
  ReceiptBodySchema,
} from '../src/schemas.js'
import type { WireSchema } from '../src/wire.js'
import { fromHex, fromJson, thrownName, toHex } from './helpers/json.js'

// biome-ignore lint/suspicious/noExplicitAny: vectors are untyped JSON
type Json = any
const load = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`./vectors/${name}.json`, import.meta.url), 'utf8'))

interface EnvelopeKind {
  file: string
  schema: WireSchema
  encodeBody: (body: never) => Uint8Array
  decode: (bytes: Uint8Array) => p.Envelope
  verify: (message: never, opts: p.VerifyOptions) => unknown
}

const kinds: EnvelopeKind[] = [
  {
    file: 'card',
    schema: AgentCardBodySchema,
    encodeBody: p.encodeCardBody,
    decode: p.decodeCard,
    verify: p.verifyCard,
  },
  {
    file: 'job-request',
    schema: JobRequestBodySchema,
    encodeBody: p.encodeJobRequestBody,
    decode: p.decodeJobRequest,
    verify: p.verifyJobRequest,
  },
  {
    file: 'quote',
    schema: QuoteBodySchema,
    encodeBody: p.encodeQuoteBody,
    decode: p.decodeQuote,
    verify: p.verifyQuote,
  },
  {
    file: 'delivery',
    schema: DeliveryBodySchema,
    encodeBody: p.encodeDeliveryBody,
    decode: p.decodeDelivery,
    verify: p.verifyDelivery,
  },
  {
    file: 'channel-open',
    schema: ChannelOpenBodySchema,
    encodeBody: p.encodeChannelOpenBody,
    decode: p.decodeChannelOpen,
    verify: p.verifyChannelOpen,
  },
  {
    file: 'attestation',
    schema: AttestationBodySchema,
    encodeBody: p.encodeAttestationBody,
    decode: p.decodeAttestation,
    verify: (m: p.Envelope, opts: p.VerifyOptions) => p.verifyAttestation(m, opts).body,
  },
]

describe.each(kinds)('vector $file', (kind) => {
  const v = load(kind.file)
  const signer = v.keys.signer
  const now = Number(v.now)

  it('encodes the fields to the canonical body and signing input', () => {
    const body = fromJson(kind.schema, v.fields)
    expect(toHex(kind.encodeBody(body as never))).toBe(v.body)
    expect(toHex(p.signingInput(v.domain, fromHex(v.body)))).toBe(v.signingInput)
    expect(toHex(p.ed25519PublicKey(fromHex(signer.privateKey)))).toBe(signer.publicKey)
  })

  it('signs identically with node:crypto and @noble/ed25519, and both verify', () => {
    const input = fromHex(v.signingInput)
    const key = fromHex(signer.privateKey)
    expect(toHex(p.ed25519Sign(key, input))).toBe(v.signature)
    expect(toHex(p.nobleEd25519Sign(key, input))).toBe(v.signature)
    expect(p.ed25519Verify(fromHex(signer.publicKey), input, fromHex(v.signature))).toBe(true)
    expect(p.nobleEd25519Verify(fromHex(signer.publicKey), input, fromHex(v.signature))).toBe(true)
  })

  it('decodes and verifies the encoded message to the fields', () => {
    const message = kind.decode(fromHex(v.message))
    const body = kind.verify(message as never, { now, signer: fromHex(signer.publicKey) })
    expect(body).toEqual(fromJson(kind.schema, v.fields))
  })

  it.each((v.cases ?? []) as Json[])('case: $description', (c: Json) => {
    const at = Number(c.now ?? v.now)
    expect(thrownName(() => kind.verify(kind.decode(fromHex(c.message)) as never, { now: at }))).toBe(c.error)
  })
})

describe('vector receipt', () => {
  const v = load('receipt')
  it('encodes, signs with both engines, verifies both halves', () => {
    const body = fromJson<p.ReceiptBody>(ReceiptBodySchema, v.fields)
    expect(toHex(p.encodeReceiptBody(body))).toBe(v.body)
    const input = p.signingInput(v.domain, fromHex(v.body))
    expect(toHex(input)).toBe(v.signingInput)
    for (const role of ['client', 'worker'] as const) {
      const key = fromHex(v.keys[role].privateKey)
      expect(toHex(p.ed25519Sign(key, input))).toBe(v[`${role}Signature`])
      expect(toHex(p.nobleEd25519Sign(key, input))).toBe(v[`${role}Signature`])
      expect(toHex(p.signReceipt(body, role, key))).toBe(v[`${role}Signature`])
      expect(
        p.nobleEd25519Verify(fromHex(v.keys[role].publicKey), input, fromHex(v[`${role}Signature`])),
      ).toBe(true)
    }
    expect(p.verifyReceipt(p.decodeReceipt(fromHex(v.message)), { now: Number(v.now) })).toEqual(body)
  })
  it.each(v.cases as Json[])('case: $description', (c: Json) => {
    expect(
      thrownName(() => p.verifyReceipt(p.decodeReceipt(fromHex(c.message)), { now: Number(v.now) })),
    ).toBe(c.error)
  })
})

describe('vector channel-update', () => {
  const v = load('channel-update')
  const domain: p.SettlementDomain = {
    chainId: BigInt(v.eip712.chainId),
    contract: fromHex(v.eip712.verifyingContract),
  }
  const payer = fromHex(v.keys.payer.address)
  const privateKey = fromHex(v.keys.payer.privateKey)

  it('pins the EIP-712 domain and type', () => {
    expect(v.eip712.type).toBe(p.CHANNEL_UPDATE_TYPE)
    expect(toHex(p.nobleKeccak256(new TextEncoder().encode(v.eip712.type)))).toBe(v.eip712.typeHash)
    expect(toHex(p.domainSeparator(domain))).toBe(v.eip712.domainSeparator)
    expect(toHex(p.settlementKeyFromPrivate(privateKey).address)).toBe(v.keys.payer.address)
  })

  it.each(v.updates as Json[])(
    'update $fields.sequence: struct, digest, signature by both engines',
    (u: Json) => {
      const update = fromJson<p.ChannelUpdate>(ChannelUpdateSchema, u.fields)
      const state = p.updateState({ ...update, version: 1, signature: new Uint8Array(0) } as p.ChannelUpdate)
      expect(u.lockLeaves).toEqual(update.locks.map((l) => toHex(p.lockLeaf(l))))
      expect(toHex(p.locksRoot(update.locks))).toBe(u.fields.locksRoot)
      expect(toHex(p.encodeChannelState(state))).toBe(u.structBytes)
      expect(toHex(p.keccak256(fromHex(u.structBytes)))).toBe(u.structHash)
      expect(toHex(p.nobleKeccak256(fromHex(u.structBytes)))).toBe(u.structHash)
      const sep = fromHex(v.eip712.domainSeparator)
      const nobleDigest = p.nobleKeccak256(Uint8Array.from([0x19, 0x01, ...sep, ...fromHex(u.structHash)]))
      expect(toHex(nobleDigest)).toBe(u.digest)
      expect(toHex(p.updateDigest(domain, state))).toBe(u.digest)
      // libsecp256k1 (RFC 6979) and @noble/curves (RFC 6979, low-s) produce the same signature.
      const signed = p.signUpdate(
        domain,
        { ...state, locks: update.locks.map((l) => ({ ...l })) },
        privateKey,
      )
      expect(toHex(signed.signature)).toBe(u.signature)
      const noble = nobleSecp.sign(fromHex(u.digest), privateKey, { prehash: false, format: 'recovered' })
      expect(toHex(Uint8Array.from([...noble.subarray(1), noble[0]! + 27]))).toBe(u.signature)
      expect(toHex(p.secpRecoverAddress(fromHex(u.digest), fromHex(u.signature)))).toBe(v.keys.payer.address)
      expect(toHex(p.nobleSecpRecoverAddress(fromHex(u.digest), fromHex(u.signature)))).toBe(
        v.keys.payer.address,
      )
      expect(toHex(p.encodeUpdate(signed))).toBe(u.message)
      const verified = p.verifyUpdate(domain, p.decodeUpdate(fromHex(u.message)), payer)
      expect(toHex(verified.stateHash)).toBe(u.digest)
    },
  )

  it.each(v.cases as Json[])('case: $description', (c: Json) => {
    expect(thrownName(() => p.verifyUpdate(domain, p.decodeUpdate(fromHex(c.message)), payer))).toBe(c.error)
  })
})

describe('vector channel-ack', () => {
  const v = load('channel-ack')
  it('builds the 72-byte body, signs with both engines, verifies', () => {
    const state = {
      channelId: fromHex(v.fields.channelId),
      sequence: BigInt(v.fields.sequence),
      stateHash: fromHex(v.fields.stateHash),
    }
    expect(toHex(p.ackBody(state))).toBe(v.body)
    const input = p.signingInput(v.domain, fromHex(v.body))
    expect(toHex(input)).toBe(v.signingInput)
    expect(toHex(p.nobleEd25519Sign(fromHex(v.keys.payee.privateKey), input))).toBe(v.signature)
    expect(p.nobleEd25519Verify(fromHex(v.keys.payee.publicKey), input, fromHex(v.signature))).toBe(true)
    expect(toHex(p.signAck(state, fromHex(v.keys.payee.privateKey)).signature)).toBe(v.signature)
    const frame = p.decodePayFrame(fromHex(v.message))
    expect(p.verifyAck(frame.ack!, fromHex(v.keys.payee.publicKey))).toEqual(state)
  })
})

describe('vector cooperative-close', () => {
  const v = load('cooperative-close')
  it('digest and both signatures by both engines', () => {
    const domain = { chainId: BigInt(v.eip712.chainId), contract: fromHex(v.eip712.verifyingContract) }
    const terms = {
      channelId: fromHex(v.fields.channelId),
      sequence: BigInt(v.fields.sequence),
      payeeAmount: BigInt(v.fields.payeeAmount),
    }
    expect(toHex(p.nobleKeccak256(new TextEncoder().encode(v.eip712.type)))).toBe(v.eip712.typeHash)
    expect(toHex(p.closeDigest(domain, terms))).toBe(v.digest)
    for (const role of ['payer', 'payee'] as const) {
      const key = fromHex(v.keys[role].privateKey)
      expect(toHex(p.signCooperativeClose(domain, terms, key))).toBe(v[`${role}Signature`])
      const noble = nobleSecp.sign(fromHex(v.digest), key, { prehash: false, format: 'recovered' })
      expect(toHex(Uint8Array.from([...noble.subarray(1), noble[0]! + 27]))).toBe(v[`${role}Signature`])
      expect(toHex(p.nobleSecpRecoverAddress(fromHex(v.digest), fromHex(v[`${role}Signature`])))).toBe(
        v.keys[role].address,
      )
    }
    const frame = p.decodePayFrame(fromHex(v.message))
    expect(
      p.verifyCooperativeClose(
        domain,
        frame.close!,
        fromHex(v.keys.payer.address),
        fromHex(v.keys.payee.address),
      ),
    ).toEqual(terms)
  })
})
