/**
 * Wire schemas of every message (field number, name, wire shape), mirroring src/pb/*.proto, for
 * the strict pre-pass of src/wire.ts. A test checks them against the generated codecs.
 */
import type { WireSchema } from './wire.js'

const v = 'varint'
const u = 'u32'
const b = 'bytes'
const s = 'string'
const r = 'repeated'

export const SkillLimitsSchema: WireSchema = {
  name: 'SkillLimits',
  fields: {
    1: ['maxInputBytes', u],
    2: ['maxOutputBytes', u],
    3: ['maxConcurrency', u],
    4: ['maxDurationMs', u],
  },
}
export const SkillOfferSchema: WireSchema = {
  name: 'SkillOffer',
  fields: {
    1: ['id', s],
    2: ['version', s],
    3: ['description', s],
    4: ['inputSchema', s],
    5: ['outputSchema', s],
    6: ['price', v],
    7: ['asset', s],
    8: ['limits', SkillLimitsSchema],
  },
}
export const PaymentTermsSchema: WireSchema = {
  name: 'PaymentTerms',
  fields: { 1: ['chainId', v], 2: ['contract', b], 3: ['payeeAddress', b], 4: ['token', b] },
}
export const AgentCardBodySchema: WireSchema = {
  name: 'AgentCardBody',
  fields: {
    1: ['version', u],
    2: ['peerKey', b],
    3: ['name', s],
    4: ['description', s],
    5: ['skills', SkillOfferSchema, r],
    6: ['addresses', b, r],
    7: ['issuedAt', v],
    8: ['expiresAt', v],
    9: ['sequence', v],
    10: ['payment', PaymentTermsSchema, r],
  },
}
/** Envelope of every Ed25519-signed message: body bytes and a signature. */
export const EnvelopeSchema: WireSchema = {
  name: 'Envelope',
  fields: { 1: ['body', b], 2: ['signature', b] },
}
export const DeliverySchema: WireSchema = {
  name: 'Delivery',
  fields: { 1: ['body', b], 2: ['signature', b], 3: ['ciphertext', b] },
}
export const ReceiptSchema: WireSchema = {
  name: 'Receipt',
  fields: { 1: ['body', b], 2: ['clientSignature', b], 3: ['workerSignature', b] },
}

export const JobRequestBodySchema: WireSchema = {
  name: 'JobRequestBody',
  fields: {
    1: ['version', u],
    2: ['jobId', b],
    3: ['clientKey', b],
    4: ['workerKey', b],
    5: ['skill', s],
    6: ['skillVersion', s],
    7: ['input', b],
    8: ['contentType', s],
    9: ['budget', v],
    10: ['asset', s],
    11: ['deadline', v],
    12: ['issuedAt', v],
    13: ['quoteFirst', v],
    14: ['channelId', b],
  },
}
export const QuoteBodySchema: WireSchema = {
  name: 'QuoteBody',
  fields: {
    1: ['version', u],
    2: ['jobId', b],
    3: ['workerKey', b],
    4: ['clientKey', b],
    5: ['price', v],
    6: ['asset', s],
    7: ['expiresAt', v],
    8: ['terms', s],
    9: ['issuedAt', v],
  },
}
export const DeliveryBodySchema: WireSchema = {
  name: 'DeliveryBody',
  fields: {
    1: ['version', u],
    2: ['jobId', b],
    3: ['workerKey', b],
    4: ['clientKey', b],
    5: ['price', v],
    6: ['asset', s],
    7: ['resultHash', b],
    8: ['ciphertextHash', b],
    9: ['lockHash', b],
    10: ['contentType', s],
    11: ['lockExpiry', v],
    12: ['issuedAt', v],
  },
}
export const ReceiptBodySchema: WireSchema = {
  name: 'ReceiptBody',
  fields: {
    1: ['version', u],
    2: ['jobId', b],
    3: ['clientKey', b],
    4: ['workerKey', b],
    5: ['skill', s],
    6: ['skillVersion', s],
    7: ['price', v],
    8: ['asset', s],
    9: ['resultHash', b],
    10: ['channelId', b],
    11: ['sequence', v],
    12: ['stateHash', b],
    13: ['completedAt', v],
  },
}
const jobCoded = (name: string): WireSchema => ({
  name,
  fields: { 1: ['jobId', b], 2: ['code', u], 3: ['message', s] },
})
export const JobFrameSchema: WireSchema = {
  name: 'JobFrame',
  oneof: true,
  fields: {
    1: ['request', EnvelopeSchema],
    2: ['quote', EnvelopeSchema],
    3: ['accept', { name: 'Accept', fields: { 1: ['jobId', b], 2: ['quoteHash', b] } }],
    4: ['reject', jobCoded('Reject')],
    5: [
      'progress',
      {
        name: 'Progress',
        fields: { 1: ['jobId', b], 2: ['state', u], 3: ['permille', u], 4: ['message', s] },
      },
    ],
    6: ['delivery', DeliverySchema],
    7: [
      'pay',
      {
        name: 'Pay',
        fields: {
          1: ['jobId', b],
          2: ['channelId', b],
          3: ['sequence', v],
          4: ['stateHash', b],
          5: ['receiptBody', b],
          6: ['clientSignature', b],
        },
      },
    ],
    8: ['reveal', { name: 'Reveal', fields: { 1: ['jobId', b], 2: ['key', b], 3: ['workerSignature', b] } }],
    9: ['cancel', jobCoded('Cancel')],
    10: ['error', jobCoded('JobError')],
  },
}

export const ChannelOpenBodySchema: WireSchema = {
  name: 'ChannelOpenBody',
  fields: {
    1: ['version', u],
    2: ['chainId', v],
    3: ['contract', b],
    4: ['payerKey', b],
    5: ['payeeKey', b],
    6: ['payerAddress', b],
    7: ['payeeAddress', b],
    8: ['token', b],
    9: ['capacity', v],
    10: ['expiry', v],
    11: ['nonce', v],
    12: ['channelId', b],
    13: ['disputeWindow', u],
    14: ['issuedAt', v],
  },
}
export const LockSchema: WireSchema = {
  name: 'Lock',
  fields: { 1: ['hash', b], 2: ['amount', v], 3: ['expiry', v], 4: ['jobId', b] },
}
export const ChannelUpdateSchema: WireSchema = {
  name: 'ChannelUpdate',
  fields: {
    1: ['version', u],
    2: ['channelId', b],
    3: ['sequence', v],
    4: ['previousStateHash', b],
    5: ['cumulativePaid', v],
    6: ['lockedTotal', v],
    7: ['locksRoot', b],
    8: ['jobId', b],
    9: ['locks', LockSchema, r],
    10: ['signature', b],
  },
}
export const ChannelAckSchema: WireSchema = {
  name: 'ChannelAck',
  fields: { 1: ['channelId', b], 2: ['sequence', v], 3: ['stateHash', b], 4: ['signature', b] },
}
export const ChannelReestablishSchema: WireSchema = {
  name: 'ChannelReestablish',
  fields: { 1: ['channelId', b], 2: ['lastSequence', v], 3: ['lastStateHash', b] },
}
export const ChannelCloseSchema: WireSchema = {
  name: 'ChannelClose',
  fields: {
    1: ['channelId', b],
    2: ['sequence', v],
    3: ['payeeAmount', v],
    4: ['payerSignature', b],
    5: ['payeeSignature', b],
  },
}
export const ChannelErrorSchema: WireSchema = {
  name: 'ChannelError',
  fields: { 1: ['channelId', b], 2: ['code', u], 3: ['message', s], 4: ['sequence', v] },
}
export const PayFrameSchema: WireSchema = {
  name: 'PayFrame',
  oneof: true,
  fields: {
    1: ['open', EnvelopeSchema],
    2: ['update', ChannelUpdateSchema],
    3: ['ack', ChannelAckSchema],
    4: ['reestablish', ChannelReestablishSchema],
    5: ['close', ChannelCloseSchema],
    6: ['error', ChannelErrorSchema],
  },
}

export const AttestationBodySchema: WireSchema = {
  name: 'AttestationBody',
  fields: {
    1: ['version', u],
    2: ['attesterKey', b],
    3: ['subjectKey', b],
    4: ['jobId', b],
    5: ['skill', s],
    6: ['receipt', b],
    7: ['rating', u],
    8: ['issuedAt', v],
  },
}
export const SyncRequestSchema: WireSchema = {
  name: 'SyncRequest',
  fields: { 1: ['since', v], 2: ['limit', u] },
}
export const SyncResponseSchema: WireSchema = {
  name: 'SyncResponse',
  fields: { 1: ['attestations', b, r], 2: ['more', v] },
}
