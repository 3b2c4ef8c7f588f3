import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPUTATION_TOPIC } from '../../src/reputation/constants.js'
import { BAZAAR_SCORE_THRESHOLDS } from '../../src/reputation/gossip-score.js'
import { attestation, type Identity, identity, receipt } from './fixtures.js'
import { connect, meshReady, startNode, stopAll, type TestNode, until } from './network.js'

let attacker: TestNode
let relay: TestNode
let honest: TestNode
let victim: Identity

beforeAll(async () => {
  ;[attacker, relay, honest] = await Promise.all([startNode(), startNode(), startNode()])
  victim = await identity()
  await connect(attacker, relay)
  await connect(honest, relay)
  await meshReady([attacker, relay, honest])
})
afterAll(async () => {
  await stopAll([attacker, relay, honest])
})

describe('gossipsub scoring of attestation senders', () => {
  it('accepts a valid attestation, ignores its replay without penalty, and penalises invalid ones', async () => {
    const a = attacker.id
    const publish = (bytes: Uint8Array) => attacker.node.services.pubsub.publish(REPUTATION_TOPIC, bytes)

    // A valid attestation (the attacker really hired the victim): accepted and relayed to `honest`.
    const valid = attestation({
      attester: a,
      subject: victim,
      receipt: receipt({ client: a, worker: victim }),
    })
    await publish(valid)
    await until(honest, () => honest.rep.stats().attestations === 1, 10_000, 'valid attestation relayed')
    await until(relay, () => relay.rep.stats().attestations === 1, 10_000, 'valid attestation on the relay')

    // Replayed (new gossip message id, same bytes): ignored, no P4 penalty.
    await publish(valid)
    await until(relay, () => relay.rep.stats().ignored === 1, 10_000, 'replay ignored')
    const afterReplay = relay.gossipScore(attacker)
    expect(afterReplay).toBeGreaterThanOrEqual(0)

    const invalid = [
      // forged: signed with the attacker's key in the victim's name
      attestation({
        attester: victim,
        subject: a,
        receipt: receipt({ client: victim, worker: a }),
        signer: a,
      }),
      // unpaid
      attestation({
        attester: a,
        subject: victim,
        receipt: receipt({ client: a, worker: victim, price: 0n }),
      }),
      // self-issued
      attestation({ attester: a, subject: a, receipt: receipt({ client: a, worker: a }) }),
      // oversized
      attestation({
        attester: a,
        subject: victim,
        receipt: receipt({ client: a, worker: victim }),
        padding: 4096,
      }),
      // receipt never countersigned by the worker
      attestation({
        attester: a,
        subject: victim,
        receipt: receipt({ client: a, worker: victim, workerSigner: a }),
      }),
    ]
    for (const bytes of invalid) await publish(bytes)
    await until(
      relay,
      () => relay.rep.stats().rejected === invalid.length,
      10_000,
      'invalid attestations rejected',
    )
    // 5 invalid messages: -100 * 5^2 = -2500, at the graylist threshold. Gossipsub records the
    // penalty after the validator returns: wait for it rather than read it at once.
    await until(relay, () => relay.gossipScore(attacker) <= -2000, 10_000, 'score drop')

    const scoreOfAttacker = relay.gossipScore(attacker)
    const scoreOfHonest = relay.gossipScore(honest)
    console.log(
      `gossipsub score on the relay: attacker ${scoreOfAttacker.toFixed(1)} (after replay ${afterReplay.toFixed(1)}), honest ${scoreOfHonest.toFixed(1)}`,
    )
    expect(scoreOfAttacker).toBeLessThan(BAZAAR_SCORE_THRESHOLDS.publishThreshold)
    expect(scoreOfHonest).toBeGreaterThanOrEqual(0)
    // Nothing invalid was stored or forwarded.
    expect(relay.rep.stats().attestations).toBe(1)
    expect(honest.rep.stats().attestations).toBe(1)
    // The relay forwarded none of them; `honest` saw them only if the DHT connected it to the
    // attacker directly, and then it penalised the attacker itself.
    const direct = honest.node.getPeers().some((p) => p.equals(attacker.id.peerId))
    if (direct) {
      const penalised = () => honest.gossipScore(attacker) < BAZAAR_SCORE_THRESHOLDS.gossipThreshold
      await until(honest, penalised, 10_000, 'direct penalty')
    } else expect(honest.rep.stats().rejected).toBe(0)
  })
})
