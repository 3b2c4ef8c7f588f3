/**
 * Quotes: the worker's signed price for a job, valid until `expiresAt`, under
 * `bazaar/job-quote/v1`. Only for jobs asked with `quote_first`; the client answers Accept
 * naming `sha256(Quote.body)`.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import {
  ID_LENGTH,
  MAX_ASSET_BYTES,
  MAX_DESCRIPTION_BYTES,
  MAX_JOB_FRAME_BYTES,
  PEER_KEY_LENGTH,
  QUOTE_VERSION,
} from '../constants.js'
import { type Envelope, signedKind, type VerifyOptions } from '../envelope.js'
import { OutOfRangeError } from '../errors.js'
import { Quote, QuoteBody } from '../pb/job.js'
import { EnvelopeSchema, QuoteBodySchema } from '../schemas.js'
import { SigningDomain } from '../signing.js'
import {
  notExpired,
  notFuture,
  requireBytes,
  requireString,
  requireTime,
  requireVersion,
} from '../validate.js'

/** Validates every field of a quote body (also run before signing). */
export function checkQuoteBody(body: QuoteBody): void {
  requireVersion('quote', body.version, QUOTE_VERSION)
  requireBytes('quote.jobId', body.jobId, ID_LENGTH)
  requireBytes('quote.workerKey', body.workerKey, PEER_KEY_LENGTH)
  requireBytes('quote.clientKey', body.clientKey, PEER_KEY_LENGTH)
  requireString('quote.asset', body.asset, MAX_ASSET_BYTES)
  requireString('quote.terms', body.terms, MAX_DESCRIPTION_BYTES, false)
  requireTime('quote.issuedAt', body.issuedAt)
  requireTime('quote.expiresAt', body.expiresAt)
  if (body.expiresAt <= body.issuedAt) {
    throw new OutOfRangeError('quote.expiresAt', body.expiresAt, `> issuedAt ${body.issuedAt}`)
  }
}

const kind = signedKind<QuoteBody>({
  kind: 'quote',
  domain: SigningDomain.quote,
  maxBytes: MAX_JOB_FRAME_BYTES,
  bodySchema: QuoteBodySchema,
  envelopeSchema: EnvelopeSchema,
  encodeBody: (b) => QuoteBody.encode(b),
  decodeBody: (b) => QuoteBody.decode(b),
  check: checkQuoteBody,
  signer: (b) => b.workerKey,
  times: (b, now, skew) => {
    notFuture('quote.issuedAt', b.issuedAt, now, skew)
    notExpired('quote.expiresAt', b.expiresAt, now)
  },
})

/** Encodes a quote body (its canonical bytes). */
export const encodeQuoteBody: (body: QuoteBody) => Uint8Array = kind.encodeBody
/** Decodes and validates a quote body. */
export const decodeQuoteBody: (bytes: Uint8Array, maxBytes?: number) => QuoteBody = kind.decodeBody

/** Encodes a signed quote. */
export function encodeQuote(quote: Quote): Uint8Array<ArrayBuffer> {
  return Quote.encode(quote)
}

/** Decodes a signed quote's envelope; {@link verifyQuote} opens the body. */
export function decodeQuote(bytes: Uint8Array, maxBytes?: number): Quote {
  return kind.decodeEnvelope(bytes, (b) => Quote.decode(b), maxBytes)
}

/** Signs a quote body with the worker's peer key (`body.workerKey`). */
export function signQuote(body: QuoteBody, privateKey: Uint8Array): Quote {
  return kind.sign(body, privateKey) as Quote
}

/** Verifies a quote: body valid, signed by `workerKey`, issued no later than now + skew, not expired. */
export function verifyQuote(quote: Envelope, opts?: VerifyOptions): QuoteBody {
  return kind.verify(quote, opts)
}

/** The hash an Accept names: `sha256(Quote.body)` over the body bytes as received. */
export function quoteHash(quote: Envelope): Uint8Array<ArrayBuffer> {
  return sha256(quote.body)
}
