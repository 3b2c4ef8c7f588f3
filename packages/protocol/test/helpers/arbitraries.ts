/**
 * fast-check arbitraries of valid message bodies, with their signing keys. Keys come from a
 * small fixed pool (key derivation is not what these tests are about, and signing stays fast).
 */
import fc from 'fast-check'
import * as p from '../../src/index.js'

export const NOW = 1_800_000_000_000n
const seeds = Array.from({ length: 4 }, (_, i) => new Uint8Array(32).fill(i + 1))
export const peers = seeds.map((s) => ({ privateKey: s, publicKey: p.ed25519PublicKey(s) }))
export const settlements = seeds.map((s) => p.settlementKeyFromPrivate(s))

export const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n })
export const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n })
export const u64nz = fc.bigInt({ min: 1n, max: (1n << 64n) - 1n })
export const u32 = fc.integer({ min: 0, max: 2 ** 32 - 1 })
export const text = (max: number, min = 0) =>
  fc.string({ unit: 'binary', minLength: min, maxLength: max }).filter((s) => Buffer.byteLength(s) <= max)
/** Times around NOW, in ms, so that verification at NOW passes (issued in the past, expiring later). */
export const past = fc.bigInt({ min: NOW - 10_000_000n, max: NOW })
export const future = fc.bigInt({ min: NOW + 1n, max: NOW + 10_000_000n })
const pair = fc
  .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 3 }))
  .map(([a, d]) => [peers[a]!, peers[(a + d) % 4]!] as const)

const skill = fc.record({
  id: text(32, 1),
  version: text(16, 1),
  description: text(64),
  inputSchema: text(64),
  outputSchema: text(64),
  price: u64,
  asset: text(40, 1),
  limits: fc.option(
    fc.record({ maxInputBytes: u32, maxOutputBytes: u32, maxConcurrency: u32, maxDurationMs: u32 }),
    {
      nil: undefined,
    },
  ),
})

export const card = fc
  .record({
    signer: fc.constantFrom(...peers),
    name: text(40, 1),
    description: text(100),
    skills: fc.array(skill, { maxLength: 3 }),
    addresses: fc.array(fc.uint8Array({ minLength: 1, maxLength: 40 }), { maxLength: 3 }),
    issuedAt: past,
    expiresAt: future,
    sequence: u64,
    payment: fc.array(
      fc.record(
        { chainId: u64nz, contract: bytes(20), payeeAddress: bytes(20), token: bytes(20) },
        { requiredKeys: ['chainId', 'contract', 'payeeAddress'] },
      ),
      {
        maxLength: 2,
      },
    ),
  })
  .map(({ signer, skills, ...rest }) => ({
    key: signer.privateKey,
    body: {
      version: p.CARD_VERSION,
      peerKey: signer.publicKey,
      // exactOptionalPropertyTypes: drop an absent `limits` rather than set it to undefined
      skills: skills.map(({ limits, ...s }) => (limits === undefined ? s : { ...s, limits })),
      ...rest,
    } as p.AgentCardBody,
  }))

export const jobRequest = fc
  .record({
    parties: pair,
    jobId: bytes(32),
    skill: text(32, 1),
    skillVersion: text(16),
    input: fc.uint8Array({ maxLength: 200 }),
    contentType: text(30),
    budget: u64,
    asset: text(40, 1),
    deadline: future,
    issuedAt: past,
    quoteFirst: fc.boolean(),
    channelId: fc.oneof(bytes(32), fc.constant(new Uint8Array(0))),
  })
  .map(({ parties: [c, w], ...rest }) => ({
    key: c.privateKey,
    body: {
      version: p.JOB_REQUEST_VERSION,
      clientKey: c.publicKey,
      workerKey: w.publicKey,
      ...rest,
    } as p.JobRequestBody,
  }))

export const quote = fc
  .record({
    parties: pair,
    jobId: bytes(32),
    price: u64,
    asset: text(40, 1),
    expiresAt: future,
    terms: text(100),
    issuedAt: past,
  })
  .map(({ parties: [c, w], ...rest }) => ({
    key: w.privateKey,
    body: {
      version: p.QUOTE_VERSION,
      clientKey: c.publicKey,
      workerKey: w.publicKey,
      ...rest,
    } as p.QuoteBody,
  }))

export const delivery = fc
  .record({
    parties: pair,
    jobId: bytes(32),
    price: u64,
    asset: text(40, 1),
    resultHash: bytes(32),
    ciphertext: fc.uint8Array({ maxLength: 100 }),
    lockHash: bytes(32),
    contentType: text(30),
    lockExpiry: fc.bigInt({ min: NOW / 1000n + 1n, max: NOW / 1000n + 100_000n }),
    issuedAt: past,
  })
  .map(({ parties: [c, w], ciphertext, ...rest }) => ({
    key: w.privateKey,
    ciphertext,
    body: {
      version: p.DELIVERY_VERSION,
      clientKey: c.publicKey,
      workerKey: w.publicKey,
      ciphertextHash: p.ciphertextHashOf(ciphertext),
      ...rest,
    } as p.DeliveryBody,
  }))

export const receipt = fc
  .record({
    parties: pair,
    jobId: bytes(32),
    skill: text(32, 1),
    skillVersion: text(16),
    price: u64,
    asset: text(40, 1),
    resultHash: bytes(32),
    channelId: bytes(32),
    sequence: u64nz,
    stateHash: bytes(32),
    completedAt: past,
  })
  .map(({ parties: [c, w], ...rest }) => ({
    client: c,
    worker: w,
    body: {
      version: p.RECEIPT_VERSION,
      clientKey: c.publicKey,
      workerKey: w.publicKey,
      ...rest,
    } as p.ReceiptBody,
  }))

/** A dual-signed receipt, encoded. */
export const signedReceipt = receipt.map(({ client, worker, body }) => {
  const bytes = p.encodeReceiptBody(body)
  const message = {
    body: bytes,
    clientSignature: p.signReceipt(bytes, 'client', client.privateKey),
    workerSignature: p.signReceipt(bytes, 'worker', worker.privateKey),
  } as p.Receipt
  return { client, worker, body, message }
})

export const attestation = fc
  .record({
    receipt: signedReceipt,
    byClient: fc.boolean(),
    rating: fc.integer({ min: 0, max: 100 }),
    issuedAt: past,
  })
  .map(({ receipt: r, byClient, rating, issuedAt }) => {
    const [attester, subject] = byClient ? [r.client, r.worker] : [r.worker, r.client]
    return {
      key: attester.privateKey,
      body: {
        version: p.ATTESTATION_VERSION,
        attesterKey: attester.publicKey,
        subjectKey: subject.publicKey,
        jobId: r.body.jobId,
        skill: r.body.skill,
        receipt: p.encodeReceipt(r.message),
        rating,
        issuedAt,
      } as p.AttestationBody,
    }
  })

export const channelOpen = fc
  .record({
    parties: pair,
    chainId: u64nz,
    contract: bytes(20),
    payerAddress: bytes(20),
    payeeAddress: bytes(20),
    token: bytes(20),
    capacity: u64nz,
    expiry: fc.bigInt({ min: NOW / 1000n + 1n, max: NOW / 1000n + 10_000_000n }),
    nonce: u64,
    disputeWindow: fc.integer({ min: 1, max: 2 ** 32 - 1 }),
    issuedAt: past,
  })
  .map(({ parties: [payer, payee], ...rest }) => ({
    key: payer.privateKey,
    body: p.channelOpenBody({
      payerKey: payer.publicKey,
      payeeKey: payee.publicKey,
      ...rest,
    } as p.ChannelOpenParams),
  }))

export const lock = fc.record({
  hash: bytes(32),
  amount: fc.bigInt({ min: 1n, max: (1n << 60n) - 1n }),
  expiry: fc.bigInt({ min: 1n, max: BigInt(Number.MAX_SAFE_INTEGER) }),
  jobId: bytes(32),
})

export const domain = fc.record({ chainId: u64nz, contract: bytes(20) })

export const update = fc.record({
  domain,
  payer: fc.constantFrom(...settlements),
  params: fc.record({
    channelId: bytes(32),
    sequence: u64nz,
    previousStateHash: bytes(32),
    cumulativePaid: u64,
    jobId: bytes(32),
    locks: fc.array(lock, { maxLength: 5 }),
  }),
})
