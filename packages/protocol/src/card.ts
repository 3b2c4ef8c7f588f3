/**
 * Agent cards: what an agent offers (skills with prices), where to reach it and how it is paid,
 * signed by its peer key under `bazaar/card/v1`. A higher `sequence` replaces a lower one.
 */
import {
  CARD_VERSION,
  EVM_ADDRESS_LENGTH,
  MAX_ADDRESS_BYTES,
  MAX_ADDRESSES_PER_CARD,
  MAX_ASSET_BYTES,
  MAX_CARD_BYTES,
  MAX_DESCRIPTION_BYTES,
  MAX_NAME_BYTES,
  MAX_PAYMENT_TERMS_PER_CARD,
  MAX_SCHEMA_BYTES,
  MAX_SKILL_ID_BYTES,
  MAX_SKILL_VERSION_BYTES,
  MAX_SKILLS_PER_CARD,
  PEER_KEY_LENGTH,
} from './constants.js'
import { checkEnvelope, seal, verifySeal } from './envelope.js'
import { InvalidLengthError, MissingFieldError, OutOfRangeError } from './errors.js'
import { AgentCard, AgentCardBody, type PaymentTerms, type SkillOffer } from './pb/card.js'
import { AgentCardBodySchema, EnvelopeSchema } from './schemas.js'
import { SigningDomain } from './signing.js'
import {
  clock,
  decodeChecked,
  notExpired,
  notFuture,
  requireBlob,
  requireBytes,
  requireCount,
  requireString,
  requireTime,
  requireVersion,
  type TimeOptions,
} from './validate.js'

/** Decoding limits of a card; each defaults to the protocol constant of the same name. */
export interface CardLimits {
  /** Largest encoded card, in bytes ({@link MAX_CARD_BYTES}). */
  maxBytes?: number
  /** Most skills ({@link MAX_SKILLS_PER_CARD}). */
  maxSkills?: number
  /** Most addresses ({@link MAX_ADDRESSES_PER_CARD}). */
  maxAddresses?: number
}

function checkSkill(skill: SkillOffer, i: number): void {
  const f = `card.skills[${i}]`
  requireString(`${f}.id`, skill.id, MAX_SKILL_ID_BYTES)
  requireString(`${f}.version`, skill.version, MAX_SKILL_VERSION_BYTES)
  requireString(`${f}.description`, skill.description, MAX_DESCRIPTION_BYTES, false)
  requireString(`${f}.inputSchema`, skill.inputSchema, MAX_SCHEMA_BYTES, false)
  requireString(`${f}.outputSchema`, skill.outputSchema, MAX_SCHEMA_BYTES, false)
  requireString(`${f}.asset`, skill.asset, MAX_ASSET_BYTES)
}

function checkPayment(terms: PaymentTerms, i: number): void {
  const f = `card.payment[${i}]`
  if (terms.chainId === 0n) throw new MissingFieldError(`${f}.chainId`)
  requireBytes(`${f}.contract`, terms.contract, EVM_ADDRESS_LENGTH)
  requireBytes(`${f}.payeeAddress`, terms.payeeAddress, EVM_ADDRESS_LENGTH)
  // Absent means the native coin; present, it is exactly one address (20 zero bytes: native).
  if (terms.token !== undefined && terms.token.byteLength !== EVM_ADDRESS_LENGTH) {
    throw new InvalidLengthError(`${f}.token`, EVM_ADDRESS_LENGTH, terms.token.byteLength)
  }
}

/** The 20-byte token a card's payment terms ask channels to be funded in (20 zero bytes: native). */
export function termsToken(terms: PaymentTerms): Uint8Array {
  return terms.token ?? new Uint8Array(EVM_ADDRESS_LENGTH)
}

/** Validates every field of a card body (also run before signing). */
export function checkCardBody(body: AgentCardBody, limits: CardLimits = {}): void {
  requireVersion('card', body.version, CARD_VERSION)
  requireBytes('card.peerKey', body.peerKey, PEER_KEY_LENGTH)
  requireString('card.name', body.name, MAX_NAME_BYTES)
  requireString('card.description', body.description, MAX_DESCRIPTION_BYTES, false)
  requireCount('card.skills', body.skills.length, limits.maxSkills ?? MAX_SKILLS_PER_CARD)
  body.skills.forEach(checkSkill)
  requireCount('card.addresses', body.addresses.length, limits.maxAddresses ?? MAX_ADDRESSES_PER_CARD)
  body.addresses.forEach((a, i) => {
    requireBlob(`card.addresses[${i}]`, a, MAX_ADDRESS_BYTES)
  })
  requireCount('card.payment', body.payment.length, MAX_PAYMENT_TERMS_PER_CARD)
  body.payment.forEach(checkPayment)
  requireTime('card.issuedAt', body.issuedAt)
  requireTime('card.expiresAt', body.expiresAt)
  if (body.expiresAt <= body.issuedAt) {
    throw new OutOfRangeError('card.expiresAt', body.expiresAt, `> issuedAt ${body.issuedAt}`)
  }
}

/** Encodes a card body (its canonical bytes). */
export function encodeCardBody(body: AgentCardBody): Uint8Array<ArrayBuffer> {
  return AgentCardBody.encode(body)
}

/** Decodes and validates a card body. */
export function decodeCardBody(bytes: Uint8Array, limits: CardLimits = {}): AgentCardBody {
  const maxSkills = limits.maxSkills ?? MAX_SKILLS_PER_CARD
  const maxAddresses = limits.maxAddresses ?? MAX_ADDRESSES_PER_CARD
  const body = decodeChecked(
    'card body',
    bytes,
    limits.maxBytes ?? MAX_CARD_BYTES,
    AgentCardBodySchema,
    (b) =>
      AgentCardBody.decode(b, {
        limits: { skills: maxSkills, addresses: maxAddresses, payment: MAX_PAYMENT_TERMS_PER_CARD },
      }),
  )
  checkCardBody(body, limits)
  return body
}

/** Encodes a signed card. */
export function encodeCard(card: AgentCard): Uint8Array<ArrayBuffer> {
  return AgentCard.encode(card)
}

/** Decodes a signed card's envelope (size, body present, 64-byte signature); {@link verifyCard} opens the body. */
export function decodeCard(bytes: Uint8Array, limits: CardLimits = {}): AgentCard {
  const card = decodeChecked('card', bytes, limits.maxBytes ?? MAX_CARD_BYTES, EnvelopeSchema, (b) =>
    AgentCard.decode(b),
  )
  checkEnvelope('card', card)
  return card
}

/** Signs a card body with the agent's peer key (the key named in `body.peerKey`). */
export function signCard(body: AgentCardBody, privateKey: Uint8Array): AgentCard {
  checkCardBody(body)
  const bytes = AgentCardBody.encode(body)
  const signature = seal('card', SigningDomain.card, bytes, body.peerKey, privateKey)
  return { body: bytes, signature: signature as Uint8Array<ArrayBuffer> }
}

/** Options of {@link verifyCard}. */
export interface VerifyCardOptions extends TimeOptions, CardLimits {
  /** The key the card must be signed by (the peer that served it). */
  peerKey?: Uint8Array
}

/**
 * Verifies a card: body valid, signed by its own `peerKey` (and by `opts.peerKey` when given)
 * over the bytes as received, issued no later than now + skew, not expired.
 */
export function verifyCard(card: AgentCard, opts: VerifyCardOptions = {}): AgentCardBody {
  const body = decodeCardBody(card.body, opts)
  verifySeal('card', SigningDomain.card, card, body.peerKey, opts.peerKey)
  const { now, skew } = clock(opts)
  notFuture('card.issuedAt', body.issuedAt, now, skew)
  notExpired('card.expiresAt', body.expiresAt, now)
  return body
}
