/**
 * @packageDocumentation
 * @bazaar/node: the Bazaar peer. Composes libp2p 3 (TCP, noise, yamux, identify, ping, Bazaar's
 * kad-dht, gossipsub) with Bazaar's services: signed agent cards, skill discovery over the DHT,
 * the job protocol with pay-for-delivery, and payment channels.
 *
 * @example
 * ```ts
 * import { createBazaarNode } from '@bazaar/node'
 *
 * const worker = await createBazaarNode({ name: 'summarizer' })
 * await worker.start()
 * await worker.skills.advertise({ id: 'summarize', price: 0n }, async ({ input }) =>
 *   new TextDecoder().decode(input).slice(0, 100))
 *
 * const client = await createBazaarNode({ bootstrap: worker.getMultiaddrs().map(String) })
 * await client.start()
 * const result = await client.jobs.hire({ skill: 'summarize', input: 'a long text', budget: 0n })
 * console.log(result.text(), result.receipt)
 * ```
 */

// cli/api/sim
export {
  type BazaarPortOptions,
  type ChannelBooks,
  FeatureUnavailableError,
  fromBazaarNode,
} from './api/bazaar-node-port.js'
export { type BazaarMetrics, createMetrics } from './api/metrics.js'
export type {
  Candidate,
  ChannelView,
  HireOutcome,
  HireProgress,
  HireRequest,
  MarketNode,
  NodeEvent,
  NodeStatus,
  ReputationView,
  SettleOutcome,
  SkillContext,
  SkillOffer,
} from './api/node-port.js'
export {
  type ControlApi,
  type ControlApiOptions,
  RemoteBindRefusedError,
  startControlApi,
} from './api/server.js'
export { loadOrCreateToken } from './api/token.js'
export { walletBooks } from './api/wallet-books.js'
export { CardService, type CardServiceInit, cardService } from './card/card-service.js'
export { CARD_PROTOCOL } from './card/constants.js'
export { CardFetchError, InvalidCardError, type InvalidCardReason } from './card/errors.js'
export { type VerifiedCard, verifyCard } from './card/verify-card.js'
export { type AssembleOptions, assembleNode } from './cli/assemble.js'
export { main as runCli } from './cli/main.js'
export { DHT_PROTOCOL } from './constants.js'
export {
  BazaarEvents,
  type BazaarNodeEvents,
  type JobEventDetail,
  type PaymentEventDetail,
  type PeerEventDetail,
} from './events.js'
export { type PeerSigner, peerIdOfKey, peerKeyOf, peerSigner } from './identity.js'
export { codeOf, errorFromCode } from './jobs/codes.js'
export { JOB_PROTOCOL } from './jobs/constants.js'
export {
  BudgetTooLowError,
  ChannelRejectedError,
  DeadlineExceededError,
  DeadlineTooShortError,
  DeliveryMismatchError,
  HandlerFailedError,
  InputTooLargeError,
  InternalJobError,
  JobCanceledError,
  JobError,
  JobFrameTooLargeError,
  JobSignatureError,
  JobTimeoutError,
  MalformedJobError,
  NoWorkerFoundError,
  PaymentInvalidError,
  PaymentRequiredError,
  PaymentsUnavailableError,
  QuoteExpiredError,
  RateLimitedError,
  ShuttingDownError,
  SpendingLimitError,
  UnexpectedJobMessageError,
  UnknownSkillJobError,
  UnsupportedJobVersionError,
  WorkerBusyError,
  WorkerUnreachableError,
} from './jobs/errors.js'
export { JobService, type JobServiceInit, jobService } from './jobs/job-service.js'
export { ReceiptBook } from './jobs/receipt-book.js'
export { type Reservation, SpendingPolicy, type SpendingPolicyInit } from './jobs/spending-policy.js'
export type { HireOptions, HireResult, JobReceipt } from './jobs/types.js'
export { type BaseServices, createBazaarLibp2p, keepAllAddresses } from './libp2p.js'
export {
  type BazaarLimits,
  BazaarNode,
  type BazaarNodeOptions,
  type BazaarServices,
  type ChannelOptions,
  createBazaarNode,
} from './node.js'
export { PAY_PROTOCOL } from './payments/constants.js'
export { LockNotFoundError, NoCompatibleTermsError, PayStreamError } from './payments/errors.js'
export { PayService, type PayServiceInit, payService } from './payments/pay-service.js'
export type { LockedUpdate, LockRequest, PayeePayments, PayerPayments, Payments } from './payments/types.js'
export type { WalletChannels, WalletLike } from './payments/wallet-api.js'
// reputation
export type {
  Ranked,
  Reputation,
  ReputationComponents,
  ReputationEvents,
  ReputationExplanation,
  ReputationInit,
} from './reputation/api.js'
export { createAttestation } from './reputation/attest.js'
export { REPUTATION_SYNC_PROTOCOL, REPUTATION_TOPIC } from './reputation/constants.js'
export {
  PUBLISHED_MODEL_C,
  runThreatModel,
  type ThreatModel,
  type ThreatModelOptions,
  type ThreatModelResult,
} from './reputation/eigentrust-sim.js'
export {
  AttestationBeforeReceiptError,
  AttestationExpiredError,
  AttestationFromFutureError,
  AttestationInvalidError,
  AttestationMalformedError,
  AttestationSignatureError,
  AttestationTooLargeError,
  AttestationVersionError,
  AttesterNotPartyError,
  DuplicateAttestationError,
  type InvalidAction,
  JobIdMismatchError,
  NotReceiptPartyError,
  RatingOutOfRangeError,
  ReceiptMalformedError,
  ReceiptSignatureError,
  ReputationError,
  ReputationStoreError,
  SelfAttestationError,
  SkillMismatchError,
  SubjectMismatchError,
  SyncFailedError,
  UnknownReceiptError,
  UnpaidReceiptError,
} from './reputation/errors.js'
export {
  BAZAAR_SCORE_THRESHOLDS,
  bazaarPeerScoreParams,
  decayFactor,
  type GossipScoreOptions,
  gossipScoreConfig,
  REPUTATION_TOPIC_SCORE_PARAMS,
} from './reputation/gossip-score.js'
export { NodeReputation } from './reputation/node-reputation.js'
export { type PeerRef, peerKeyHex } from './reputation/peer-key.js'
export { ReputationService, reputation } from './reputation/service.js'
export { AttestationStore, type AttestationStoreOptions } from './reputation/store.js'
export {
  type TrustEdge,
  type TrustExplanation,
  TrustGraph,
  type TrustInput,
  type TrustOptions,
} from './reputation/trust.js'
export type { PeerKeyHex, VerifiedAttestation } from './reputation/types.js'
export {
  AttestationValidator,
  toTopicResult,
  type ValidationResult,
  type ValidatorOptions,
} from './reputation/validator.js'
// end reputation
export {
  createSimEnvironment,
  defaultSimThreads,
  SIM_THREADS_FROM_NODES,
  type SimEnvironmentOptions,
} from './sim/bazaar-environment.js'
export type { SimSkill } from './sim/behaviours.js'
export { type SimEnvironment, type SimNode, type SimNodeParams, simNodeOf } from './sim/environment.js'
export {
  ScenarioInvalidError,
  SimCheckFailedError,
  SimThreadExitedError,
  SimThreadsUnsupportedError,
} from './sim/errors.js'
export type { SimCheck, SimReport } from './sim/report.js'
export { runSimulation, type SimOptions, type SimResult, writeReport } from './sim/run.js'
export { DEFAULT_SCENARIO, loadScenario, normalizeScenario, type Scenario } from './sim/scenario.js'
export { InvalidSkillError, UnknownSkillError } from './skills/errors.js'
export { rankByPrice } from './skills/rank.js'
export { SkillRegistry } from './skills/registry.js'
export { skillCid } from './skills/skill-key.js'
export { SkillsService, type SkillsServiceInit, skillsService } from './skills/skills-service.js'
export type {
  FindOptions,
  JobContext,
  RankCandidates,
  SkillCandidate,
  SkillDefinition,
  SkillHandler,
  SkillLimits,
  SkillResult,
} from './skills/types.js'
export {
  FrameTimeoutError,
  FrameTooLargeError,
  MalformedFrameError,
  StreamEndedError,
  TooManyFramesError,
} from './stream/errors.js'
export { type FrameCodec, FrameStream } from './stream/frame-stream.js'
export { RateLimiter } from './stream/rate-limiter.js'
// end cli/api/sim
