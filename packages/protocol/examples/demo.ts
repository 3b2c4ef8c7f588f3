/**
 * A paid job between two agents, in one process, with nothing but @bazaar/protocol: keys, a
 * signed agent card, a job request, a channel open bound to the payer's settlement key, 1,000
 * hash-locked channel updates signed, sent as bytes, verified and acked, a delivery paid by
 * revealing its key, a dual-signed receipt and an attestation; then a tampered update, refused
 * with its typed error. Run: `pnpm --filter @bazaar/protocol demo`.
 */
import { randomBytes } from 'node:crypto'
import {
  ATTESTATION_VERSION,
  bytesEqual,
  CARD_VERSION,
  type ChannelUpdate,
  channelOpenBody,
  checkResult,
  checkRevealedKey,
  ciphertextHashOf,
  createUpdate,
  DELIVERY_VERSION,
  decodeCard,
  decodePayFrame,
  encodeCard,
  encodePayFrame,
  encodeReceipt,
  encodeReceiptBody,
  generatePeerKeyPair,
  generateSettlementKeyPair,
  type HashLock,
  JOB_REQUEST_VERSION,
  lockHashOf,
  type ProtocolError,
  receiptBody,
  resultHashOf,
  type SettlementDomain,
  signAck,
  signAttestation,
  signCard,
  signChannelOpen,
  signDelivery,
  signJobRequest,
  signReceipt,
  verifyAck,
  verifyAttestation,
  verifyCard,
  verifyChannelOpen,
  verifyDelivery,
  verifyJobRequest,
  verifyUpdate,
} from '../src/index.js'

const log = (line: string) => console.log(line)
const short = (b: Uint8Array) => `${Buffer.from(b).toString('hex').slice(0, 12)}…`
const nowMs = () => BigInt(Date.now())

// Two agents: each has a peer key (its libp2p identity) and a settlement key (signs payments).
const client = { peer: generatePeerKeyPair(), settlement: generateSettlementKeyPair() }
const worker = { peer: generatePeerKeyPair(), settlement: generateSettlementKeyPair() }
const contract = new Uint8Array(randomBytes(20))
const domain: SettlementDomain = { chainId: 31337n, contract }
const asset = 'eip155:31337/erc20:0x0000000000000000000000000000000000000000'
log(`client peer key ${short(client.peer.publicKey)}  settlement address ${short(client.settlement.address)}`)
log(`worker peer key ${short(worker.peer.publicKey)}  settlement address ${short(worker.settlement.address)}`)

// 1. The worker signs its card; the client receives the bytes and verifies them.
const price = 2_500n
const cardBytes = encodeCard(
  signCard(
    {
      version: CARD_VERSION,
      peerKey: worker.peer.publicKey,
      name: 'shouter',
      description: 'Turns text into upper case.',
      skills: [
        {
          id: 'upper',
          version: '1.0.0',
          description: 'upper-case a text',
          inputSchema: '',
          outputSchema: '',
          price,
          asset,
        },
      ],
      addresses: [],
      issuedAt: nowMs(),
      expiresAt: nowMs() + 3_600_000n,
      sequence: 1n,
      payment: [{ chainId: domain.chainId, contract, payeeAddress: worker.settlement.address }],
    },
    worker.peer.privateKey,
  ),
)
const card = verifyCard(decodeCard(cardBytes), { peerKey: worker.peer.publicKey })
log(
  `\ncard: "${card.name}" offers ${card.skills.map((s) => `${s.id}@${s.version} for ${s.price}`).join(', ')} (${cardBytes.byteLength} bytes, signature ok)`,
)

// 2. The client opens a channel: its peer key signs the binding to its settlement address.
const open = signChannelOpen(
  channelOpenBody({
    chainId: domain.chainId,
    contract,
    payerKey: client.peer.publicKey,
    payeeKey: worker.peer.publicKey,
    payerAddress: client.settlement.address,
    payeeAddress: worker.settlement.address,
    token: new Uint8Array(20),
    capacity: 10_000_000n,
    expiry: nowMs() / 1000n + 86_400n,
    nonce: 1n,
    disputeWindow: 3_600,
    issuedAt: nowMs(),
  }),
  client.peer.privateKey,
)
const channel = verifyChannelOpen(decodePayFrame(encodePayFrame({ open })).open!, {
  signer: client.peer.publicKey,
})
log(
  `channel ${short(channel.channelId)} open: capacity ${channel.capacity}, updates signed by ${short(channel.payerAddress)}`,
)

// 3. The client asks for a job; a budget that covers the price is acceptance in advance.
const input = new TextEncoder().encode('bazaar agents pay each other')
const request = signJobRequest(
  {
    version: JOB_REQUEST_VERSION,
    jobId: new Uint8Array(randomBytes(32)),
    clientKey: client.peer.publicKey,
    workerKey: worker.peer.publicKey,
    skill: 'upper',
    skillVersion: '1.0.0',
    input,
    contentType: 'text/plain',
    budget: 3_000n,
    asset,
    deadline: nowMs() + 60_000n,
    issuedAt: nowMs(),
    quoteFirst: false,
    channelId: channel.channelId,
  },
  client.peer.privateKey,
)
const job = verifyJobRequest(request, { signer: client.peer.publicKey })
log(
  `job ${short(job.jobId)}: ${job.skill} on ${job.input.byteLength} bytes, budget ${job.budget} >= price ${price}`,
)

// 4. The worker runs it and commits to the result; the "encryption" here is a stand-in (the node
//    uses XChaCha20-Poly1305): what matters is the signed commitment and the lock hash.
const result = new TextEncoder().encode(new TextDecoder().decode(input).toUpperCase())
const key = new Uint8Array(randomBytes(32))
const ciphertext = result.map((b, i) => b ^ key[i % 32]!)
const delivery = signDelivery(
  {
    version: DELIVERY_VERSION,
    jobId: job.jobId,
    workerKey: worker.peer.publicKey,
    clientKey: client.peer.publicKey,
    price,
    asset,
    resultHash: resultHashOf(result),
    ciphertextHash: ciphertextHashOf(ciphertext),
    lockHash: lockHashOf(key),
    contentType: 'text/plain',
    lockExpiry: nowMs() / 1000n + 600n,
    issuedAt: nowMs(),
  },
  ciphertext,
  worker.peer.privateKey,
)
const committed = verifyDelivery(delivery, { signer: worker.peer.publicKey })

// 5. Payments: 1,000 updates, each locking `price` to a hash and folding the previous lock into
//    the cumulative amount (its key was revealed). The payee checks each as bytes off the wire.
const payee = { sequence: 0n, previous: channel.channelId, cumulative: 0n }
let payer = { sequence: 0n, previous: channel.channelId, cumulative: 0n, locks: [] as HashLock[] }
let last: ChannelUpdate | undefined
const started = performance.now()
for (let i = 0; i < 1_000; i++) {
  const isJob = i === 999 // the last update pays for the job above
  const lock: HashLock = {
    hash: isJob ? committed.lockHash : lockHashOf(new Uint8Array(randomBytes(32))),
    amount: price,
    expiry: committed.lockExpiry,
    jobId: isJob ? job.jobId : new Uint8Array(randomBytes(32)),
  }
  const cumulative = payer.cumulative + payer.locks.reduce((sum, l) => sum + l.amount, 0n)
  const signed = createUpdate(
    domain,
    {
      channelId: channel.channelId,
      sequence: payer.sequence + 1n,
      previousStateHash: payer.previous,
      cumulativePaid: cumulative,
      jobId: lock.jobId,
      locks: [lock],
    },
    client.settlement.privateKey,
  )
  payer = { sequence: signed.state.sequence, previous: signed.stateHash, cumulative, locks: [lock] }
  const wire = encodePayFrame({ update: signed.update })

  // Payee side: decode, verify the signature and the locks, then the channel rules, then ack.
  const update = decodePayFrame(wire).update!
  const { state, stateHash } = verifyUpdate(domain, update, channel.payerAddress, { now: Date.now() })
  if (state.sequence !== payee.sequence + 1n || !bytesEqual(state.previousStateHash, payee.previous)) {
    throw new Error('out of order')
  }
  if (
    state.cumulativePaid < payee.cumulative ||
    state.cumulativePaid + state.lockedTotal > channel.capacity
  ) {
    throw new Error('amount rule broken')
  }
  Object.assign(payee, { sequence: state.sequence, previous: stateHash, cumulative: state.cumulativePaid })
  const ack = decodePayFrame(
    encodePayFrame({
      ack: signAck(
        { channelId: state.channelId, sequence: state.sequence, stateHash },
        worker.peer.privateKey,
      ),
    }),
  ).ack!
  verifyAck(ack, channel.payeeKey)
  last = update
}
const ms = performance.now() - started
log(
  `\n1,000 hash-locked updates signed, encoded, decoded, verified and acked in ${ms.toFixed(0)} ms (${Math.round(1_000_000 / ms)}/s)`,
)
log(
  `payee holds sequence ${payee.sequence}, cumulative ${payee.cumulative}, one open lock of ${price} for job ${short(job.jobId)}`,
)

// 6. The worker reveals the key (the lock's preimage); the client checks it and the result.
checkRevealedKey(committed, key)
const plaintext = delivery.ciphertext.map((b, i) => b ^ key[i % 32]!)
checkResult(committed, plaintext)
log(`key revealed, result checked: "${new TextDecoder().decode(plaintext)}"`)

// 7. Both sign the receipt; the client attests about the worker, resting on it.
const body = receiptBody(
  job,
  committed,
  { channelId: channel.channelId, sequence: payee.sequence, stateHash: payee.previous },
  nowMs(),
)
const bytes = encodeReceiptBody(body)
const receipt = encodeReceipt({
  body: bytes,
  clientSignature: signReceipt(bytes, 'client', client.peer.privateKey),
  workerSignature: signReceipt(bytes, 'worker', worker.peer.privateKey),
})
const attestation = signAttestation(
  {
    version: ATTESTATION_VERSION,
    attesterKey: client.peer.publicKey,
    subjectKey: worker.peer.publicKey,
    jobId: job.jobId,
    skill: job.skill,
    receipt: receipt as Uint8Array<ArrayBuffer>,
    rating: 95,
    issuedAt: nowMs(),
  },
  client.peer.privateKey,
)
const rated = verifyAttestation(attestation)
log(
  `receipt signed by both (${receipt.byteLength} bytes); attestation: rating ${rated.body.rating} for a paid ${rated.receipt.price}`,
)

// 8. Someone raises the amount of a signed update: the payee refuses it, with a typed error.
const tampered = { ...last!, cumulativePaid: last!.cumulativePaid + 1_000_000n }
try {
  verifyUpdate(domain, decodePayFrame(encodePayFrame({ update: tampered })).update!, channel.payerAddress)
  throw new Error('a tampered update verified')
} catch (err) {
  const e = err as ProtocolError
  log(`\ntampered update (cumulativePaid + 1,000,000) refused: ${e.name}: ${e.message}`)
}
