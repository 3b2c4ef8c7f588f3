#!/usr/bin/env node
// Writes test/vectors/*.json: for every signed message kind, fixed keys, the fields, the
// canonical bytes, the signed input and the signature, plus a few invalid messages with the
// error a conforming decoder must raise. Deterministic (Ed25519 and RFC 6979 secp256k1), so a
// re-run rewrites identical files. Run: `pnpm --filter @bazaar/protocol vectors` (builds first).
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import * as p from '../dist/src/index.js'

const out = new URL('../test/vectors/', import.meta.url).pathname
mkdirSync(out, { recursive: true })

/** Bytes as lowercase hex, uint64 as decimal strings, everything else as is. */
function json(value) {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex')
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map(json)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, json(v)]),
    )
  }
  return value
}
const hex = (b) => Buffer.from(b).toString('hex')
const seed = (label) => new Uint8Array(createHash('sha256').update(`bazaar test vector: ${label}`).digest())
const peer = (label) => {
  const privateKey = seed(label)
  return { privateKey, publicKey: p.ed25519PublicKey(privateKey) }
}
const settlement = (label) => p.settlementKeyFromPrivate(seed(`settlement ${label}`))
const keyJson = (k) => ({ privateKey: hex(k.privateKey), publicKey: hex(k.publicKey) })
const settlementJson = (k) => ({ privateKey: hex(k.privateKey), address: hex(k.address) })
function write(name, vector) {
  writeFileSync(`${out}${name}.json`, `${JSON.stringify(vector, null, 2)}\n`)
  console.log(`wrote test/vectors/${name}.json`)
}
function flip(bytes, index, bit = 0) {
  const copy = Uint8Array.from(bytes)
  copy[index] ^= 1 << bit
  return copy
}
const ERRORS_NOTE =
  'cases: each message must be refused with the error named (its .name), or accepted where error is null; verify at `now` unless the case names its own'

const NOW = 1_800_000_000_000n // unix ms used to verify every vector
const client = peer('client')
const worker = peer('worker')
const clientSettlement = settlement('client')
const workerSettlement = settlement('worker')
const jobId = seed('job id')
const domain = {
  chainId: 31337n,
  contract: Uint8Array.from(Buffer.from('5fbdb2315678afecb367f032d93f642f64180aa3', 'hex')),
}
const token = Uint8Array.from(Buffer.from('e7f1725e7734ce288f8367e1bb143e90bb3f0512', 'hex'))

/** An Ed25519-signed kind: fields, body, signing input, signature, envelope, plus invalid cases. */
function envelopeVector(kind, domainName, signerName, signer, fields, body, envelope, encoded, extra = {}) {
  return {
    kind,
    domain: p.SigningDomain[domainName],
    now: NOW.toString(),
    keys: { [signerName]: keyJson(signer) },
    fields: json(fields),
    body: hex(body),
    signingInput: hex(p.signingInput(p.SigningDomain[domainName], body)),
    signature: hex(envelope.signature),
    message: hex(encoded),
    ...extra,
  }
}

// Agent card.
const cardFields = {
  version: p.CARD_VERSION,
  peerKey: worker.publicKey,
  name: 'Summarizer',
  description: 'Summarizes English text — fast.',
  skills: [
    {
      id: 'summarize',
      version: '1.0.0',
      description: 'Summarize a text',
      inputSchema: '{"type":"string"}',
      outputSchema: '{"type":"string"}',
      price: 2_500_000_000n,
      asset: 'eip155:31337/erc20:0xe7f1725e7734ce288f8367e1bb143e90bb3f0512',
      limits: { maxInputBytes: 65536, maxOutputBytes: 8192, maxConcurrency: 4, maxDurationMs: 30000 },
    },
  ],
  addresses: [Uint8Array.from([0x04, 127, 0, 0, 1, 0x06, 0x0f, 0xa1])],
  issuedAt: NOW - 1000n,
  expiresAt: NOW + 3_600_000n,
  sequence: 7n,
  payment: [
    { chainId: domain.chainId, contract: domain.contract, payeeAddress: workerSettlement.address, token },
  ],
}
const card = p.signCard(cardFields, worker.privateKey)
const cardBytes = p.encodeCard(card)
write(
  'card',
  envelopeVector('agent card', 'card', 'signer', worker, cardFields, card.body, card, cardBytes, {
    cases: [
      {
        description: 'signature bit flipped',
        message: hex(p.encodeCard({ ...card, signature: flip(card.signature, 5) })),
        error: 'BadSignatureError',
      },
      {
        description: 'body bit flipped (the name)',
        message: hex(p.encodeCard({ ...card, body: flip(card.body, 40, 1) })),
        error: 'BadSignatureError',
      },
      {
        description: 'signature of 63 bytes',
        message: hex(p.encodeCard({ ...card, signature: card.signature.subarray(1) })),
        error: 'InvalidLengthError',
      },
      {
        description: 'payment token of 19 bytes (refused before the signature is checked)',
        message: hex(
          p.encodeCard({
            body: p.AgentCardBody.encode({
              ...cardFields,
              payment: [{ ...cardFields.payment[0], token: token.subarray(1) }],
            }),
            signature: card.signature,
          }),
        ),
        error: 'InvalidLengthError',
      },
    ],
    casesNote: ERRORS_NOTE,
  }),
)

// Job request.
const requestFields = {
  version: p.JOB_REQUEST_VERSION,
  jobId,
  clientKey: client.publicKey,
  workerKey: worker.publicKey,
  skill: 'summarize',
  skillVersion: '1.0.0',
  input: new TextEncoder().encode(
    'Bazaar is an open peer-to-peer marketplace where AI agents hire each other.',
  ),
  contentType: 'text/plain; charset=utf-8',
  budget: 3_000_000_000n,
  asset: cardFields.skills[0].asset,
  deadline: NOW + 60_000n,
  issuedAt: NOW - 500n,
  quoteFirst: false,
  channelId: new Uint8Array(32),
}
// The channel the client pays on (opened below); set before signing.
const channelFields = p.channelOpenBody({
  chainId: domain.chainId,
  contract: domain.contract,
  payerKey: client.publicKey,
  payeeKey: worker.publicKey,
  payerAddress: clientSettlement.address,
  payeeAddress: workerSettlement.address,
  token,
  capacity: 100_000_000_000n,
  expiry: NOW / 1000n + 30n * 86_400n,
  nonce: 1n,
  disputeWindow: 86_400,
  issuedAt: NOW - 2000n,
})
requestFields.channelId = channelFields.channelId
const request = p.signJobRequest(requestFields, client.privateKey)
write(
  'job-request',
  envelopeVector(
    'job request',
    'jobRequest',
    'signer',
    client,
    requestFields,
    request.body,
    request,
    p.encodeJobRequest(request),
    {
      cases: [
        {
          description: 'signature bit flipped',
          message: hex(p.encodeJobRequest({ ...request, signature: flip(request.signature, 63, 7) })),
          error: 'BadSignatureError',
        },
        {
          description: 'expired: verified one minute after the deadline',
          now: (NOW + 120_000n).toString(),
          message: hex(p.encodeJobRequest(request)),
          error: 'TimeOutOfRangeError',
        },
      ],
      casesNote: ERRORS_NOTE,
    },
  ),
)

// Quote.
const quoteFields = {
  version: p.QUOTE_VERSION,
  jobId,
  workerKey: worker.publicKey,
  clientKey: client.publicKey,
  price: 2_500_000_000n,
  asset: requestFields.asset,
  expiresAt: NOW + 30_000n,
  terms: 'Result within 30 s or no charge.',
  issuedAt: NOW - 400n,
}
const quote = p.signQuote(quoteFields, worker.privateKey)
write(
  'quote',
  envelopeVector('quote', 'quote', 'signer', worker, quoteFields, quote.body, quote, p.encodeQuote(quote), {
    quoteHash: hex(p.quoteHash(quote)),
    cases: [
      {
        description: 'signed by the client instead of the worker',
        message: hex(
          p.encodeQuote({
            ...quote,
            signature: p.signBody(p.SigningDomain.quote, quote.body, client.privateKey),
          }),
        ),
        error: 'BadSignatureError',
      },
    ],
    casesNote: ERRORS_NOTE,
  }),
)

// Delivery.
const plaintext = new TextEncoder().encode('Agents hire each other on an open P2P market.')
const contentKey = seed('content key')
const ciphertext = Uint8Array.from(createHash('sha512').update(plaintext).update(contentKey).digest()) // stands in for XChaCha20-Poly1305 output
const deliveryFields = {
  version: p.DELIVERY_VERSION,
  jobId,
  workerKey: worker.publicKey,
  clientKey: client.publicKey,
  price: 2_500_000_000n,
  asset: requestFields.asset,
  resultHash: p.resultHashOf(plaintext),
  ciphertextHash: p.ciphertextHashOf(ciphertext),
  lockHash: p.lockHashOf(contentKey),
  contentType: 'text/plain; charset=utf-8',
  lockExpiry: NOW / 1000n + 600n,
  issuedAt: NOW - 300n,
}
const delivery = p.signDelivery(deliveryFields, ciphertext, worker.privateKey)
write(
  'delivery',
  envelopeVector(
    'delivery',
    'delivery',
    'signer',
    worker,
    deliveryFields,
    delivery.body,
    delivery,
    p.encodeDelivery(delivery),
    {
      plaintext: hex(plaintext),
      contentKey: hex(contentKey),
      ciphertext: hex(ciphertext),
      note: 'ciphertext here is a fixed stand-in (sha512), not real XChaCha20-Poly1305 output: the vector pins the commitments and the signature',
      cases: [
        {
          description: 'ciphertext swapped',
          message: hex(p.encodeDelivery({ ...delivery, ciphertext: flip(ciphertext, 0) })),
          error: 'MismatchError',
        },
      ],
      casesNote: ERRORS_NOTE,
    },
  ),
)

// Channel open.
const open = p.signChannelOpen(channelFields, client.privateKey)
write(
  'channel-open',
  envelopeVector(
    'channel open',
    'channelOpen',
    'signer',
    client,
    channelFields,
    open.body,
    open,
    p.encodeChannelOpen(open),
    {
      channelId: hex(channelFields.channelId),
      channelIdRule:
        'keccak256(abi.encode(uint256 chainId, address contract, address payer, address payee, address token, uint64 expiry, uint64 disputeWindow, uint64 nonce))',
      cases: [
        {
          description: 'channel id not derived from the parameters (nonce 2, id of nonce 1)',
          message: hex(
            p.encodeChannelOpen({ ...open, body: p.encodeChannelOpenBody({ ...channelFields, nonce: 2n }) }),
          ),
          error: 'MismatchError',
        },
      ],
      casesNote: ERRORS_NOTE,
    },
  ),
)

// Channel update (EIP-712), carrying the job's lock.
const lock = {
  hash: deliveryFields.lockHash,
  amount: deliveryFields.price,
  expiry: deliveryFields.lockExpiry,
  jobId,
}
const first = p.createUpdate(
  domain,
  {
    channelId: channelFields.channelId,
    sequence: 1n,
    previousStateHash: channelFields.channelId,
    cumulativePaid: 1_000_000n,
  },
  clientSettlement.privateKey,
)
const second = p.createUpdate(
  domain,
  {
    channelId: channelFields.channelId,
    sequence: 2n,
    previousStateHash: first.stateHash,
    cumulativePaid: 1_000_000n,
    jobId,
    locks: [lock],
  },
  clientSettlement.privateKey,
)
const updateVector = (u) => ({
  fields: json({ ...u.state, locks: u.update.locks }),
  lockLeaves: u.update.locks.map((l) => hex(p.lockLeaf(l))),
  structBytes: hex(p.encodeChannelState(u.state)),
  structHash: hex(p.keccak256(p.encodeChannelState(u.state))),
  digest: hex(u.stateHash),
  signature: hex(u.update.signature),
  message: hex(p.encodeUpdate(u.update)),
})
const tampered = { ...second.update, cumulativePaid: second.update.cumulativePaid + 1n }
write('channel-update', {
  kind: 'channel update (EIP-712, secp256k1)',
  eip712: {
    domainType: p.EIP712_DOMAIN_TYPE,
    name: p.EIP712_NAME,
    version: p.EIP712_VERSION,
    chainId: domain.chainId.toString(),
    verifyingContract: hex(domain.contract),
    domainSeparator: hex(p.domainSeparator(domain)),
    type: p.CHANNEL_UPDATE_TYPE,
    typeHash: hex(p.CHANNEL_UPDATE_TYPEHASH),
  },
  keys: { payer: settlementJson(clientSettlement) },
  updates: [updateVector(first), updateVector(second)],
  cases: [
    {
      description: 'cumulativePaid raised by one after signing',
      message: hex(p.encodeUpdate(tampered)),
      error: 'BadSignatureError',
    },
    {
      description: 'lockedTotal not the sum of the locks',
      message: hex(p.encodeUpdate({ ...second.update, lockedTotal: 1n })),
      error: 'MismatchError',
    },
    {
      description: 'high-s twin of the signature',
      message: hex(p.encodeUpdate({ ...second.update, signature: highS(second.update.signature) })),
      error: 'BadSignatureError',
    },
  ],
  casesNote: ERRORS_NOTE,
})

function highS(sig) {
  const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
  const s = BigInt(`0x${hex(sig.subarray(32, 64))}`)
  const out = Uint8Array.from(sig)
  out.set(Buffer.from((n - s).toString(16).padStart(64, '0'), 'hex'), 32)
  out[64] = sig[64] === 27 ? 28 : 27
  return out
}

// Ack of the second update.
const ackedState = { channelId: channelFields.channelId, sequence: 2n, stateHash: second.stateHash }
const ack = p.signAck(ackedState, worker.privateKey)
write('channel-ack', {
  kind: 'channel ack',
  domain: p.SigningDomain.channelAck,
  keys: { payee: keyJson(worker) },
  fields: json(ackedState),
  body: hex(p.ackBody(ackedState)),
  bodyRule: 'channel_id (32) || uint64be(sequence) || state_hash (32)',
  signingInput: hex(p.signingInput(p.SigningDomain.channelAck, p.ackBody(ackedState))),
  signature: hex(ack.signature),
  message: hex(p.PayFrame.encode({ ack })),
  messageNote: 'message is the PayFrame carrying the ack',
})

// Cooperative close.
const closeTerms = { channelId: channelFields.channelId, sequence: 3n, payeeAmount: 2_501_000_000n }
const close = {
  ...closeTerms,
  payerSignature: p.signCooperativeClose(domain, closeTerms, clientSettlement.privateKey),
  payeeSignature: p.signCooperativeClose(domain, closeTerms, workerSettlement.privateKey),
}
write('cooperative-close', {
  kind: 'cooperative close (EIP-712, secp256k1)',
  eip712: {
    type: p.COOPERATIVE_CLOSE_TYPE,
    typeHash: hex(p.COOPERATIVE_CLOSE_TYPEHASH),
    domainSeparator: hex(p.domainSeparator(domain)),
    chainId: domain.chainId.toString(),
    verifyingContract: hex(domain.contract),
  },
  keys: { payer: settlementJson(clientSettlement), payee: settlementJson(workerSettlement) },
  fields: json(closeTerms),
  digest: hex(p.closeDigest(domain, closeTerms)),
  payerSignature: hex(close.payerSignature),
  payeeSignature: hex(close.payeeSignature),
  message: hex(p.PayFrame.encode({ close })),
  messageNote: 'message is the PayFrame carrying the close',
})

// Receipt, signed by both parties.
const receiptFields = p.receiptBody(
  p.verifyJobRequest(request, { now: Number(NOW) }),
  p.verifyDelivery(delivery, { now: Number(NOW) }),
  { channelId: channelFields.channelId, sequence: 2n, stateHash: second.stateHash },
  NOW,
)
const receiptBytes = p.encodeReceiptBody(receiptFields)
const receipt = {
  body: receiptBytes,
  clientSignature: p.signReceipt(receiptBytes, 'client', client.privateKey),
  workerSignature: p.signReceipt(receiptBytes, 'worker', worker.privateKey),
}
const receiptEncoded = p.encodeReceipt(receipt)
write('receipt', {
  kind: 'receipt (both parties sign the same body)',
  domain: p.SigningDomain.receipt,
  now: NOW.toString(),
  keys: { client: keyJson(client), worker: keyJson(worker) },
  fields: json(receiptFields),
  body: hex(receiptBytes),
  signingInput: hex(p.signingInput(p.SigningDomain.receipt, receiptBytes)),
  clientSignature: hex(receipt.clientSignature),
  workerSignature: hex(receipt.workerSignature),
  message: hex(receiptEncoded),
  cases: [
    {
      description: 'worker signature replaced by the client signature',
      message: hex(p.encodeReceipt({ ...receipt, workerSignature: receipt.clientSignature })),
      error: 'BadSignatureError',
    },
  ],
  casesNote: ERRORS_NOTE,
})

// Attestation by the client about the worker, resting on the receipt.
const attestationFields = {
  version: p.ATTESTATION_VERSION,
  attesterKey: client.publicKey,
  subjectKey: worker.publicKey,
  jobId,
  skill: 'summarize',
  receipt: receiptEncoded,
  rating: 92,
  issuedAt: NOW + 1000n,
}
const attestation = p.signAttestation(attestationFields, client.privateKey)
const selfRated = p.signAttestation(
  { ...attestationFields, attesterKey: worker.publicKey, subjectKey: client.publicKey },
  worker.privateKey,
)
write(
  'attestation',
  envelopeVector(
    'attestation',
    'attestation',
    'signer',
    client,
    attestationFields,
    attestation.body,
    attestation,
    p.encodeAttestation(attestation),
    {
      now: (NOW + 2000n).toString(),
      keys: { signer: keyJson(client), worker: keyJson(worker) },
      cases: [
        {
          description: 'attester signature bit flipped',
          message: hex(p.encodeAttestation({ ...attestation, signature: flip(attestation.signature, 10) })),
          error: 'BadSignatureError',
        },
        {
          description: 'receipt with a forged worker signature',
          message: hex(
            p.encodeAttestation(
              p.signAttestation(
                {
                  ...attestationFields,
                  receipt: p.encodeReceipt({ ...receipt, workerSignature: flip(receipt.workerSignature, 3) }),
                },
                client.privateKey,
              ),
            ),
          ),
          error: 'BadSignatureError',
        },
        {
          description: 'valid: the worker attests about the client (either party may)',
          message: hex(p.encodeAttestation(selfRated)),
          error: null,
        },
      ],
      casesNote: ERRORS_NOTE,
    },
  ),
)
