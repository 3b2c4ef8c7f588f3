/**
 * @packageDocumentation
 * @bazaar/protocol: every message two Bazaar nodes exchange, its canonical bytes, signatures and
 * validation. Pure: no sockets, no files, no libp2p runtime. docs/PROTOCOL.md is the wire spec.
 *
 * Every decoder checks the size before parsing, walks the wire strictly, validates every field
 * and throws only this package's typed errors (identify them by `.name`). Every verifier checks
 * the signature over the bytes exactly as received, and times against `now`.
 *
 * @example
 * ```ts
 * import { CARD_VERSION, generatePeerKeyPair, signCard, verifyCard } from '@bazaar/protocol'
 * const keys = generatePeerKeyPair()
 * const now = BigInt(Date.now())
 * const card = signCard(
 *   {
 *     version: CARD_VERSION, peerKey: keys.publicKey, name: 'summarizer', description: '',
 *     skills: [], addresses: [], payment: [], issuedAt: now, expiresAt: now + 3_600_000n, sequence: 1n,
 *   },
 *   keys.privateKey,
 * )
 * verifyCard(card, { peerKey: keys.publicKey }).name // 'summarizer'
 * ```
 */

// Assets (CAIP-19) of channels and prices.
export { assetOf, isNativeToken, parseAsset } from './asset.js'
// Reputation.
export {
  checkAttestationBody,
  checkAttestationMatchesReceipt,
  decodeAttestation,
  decodeAttestationBody,
  decodeSyncRequest,
  decodeSyncResponse,
  encodeAttestation,
  encodeAttestationBody,
  encodeSyncRequest,
  encodeSyncResponse,
  type SyncResponseLimits,
  signAttestation,
  type VerifiedAttestation,
  type VerifyAttestationOptions,
  verifyAttestation,
} from './attestation.js'
// Agent cards.
export {
  type CardLimits,
  checkCardBody,
  decodeCard,
  decodeCardBody,
  encodeCard,
  encodeCardBody,
  signCard,
  termsToken,
  type VerifyCardOptions,
  verifyCard,
} from './card.js'
// Payment channels.
export { keccak256, nobleKeccak256 } from './channel/abi.js'
export { ACK_BODY_LENGTH, type AckedState, ackBody, checkAck, signAck, verifyAck } from './channel/ack.js'
export { type ChannelIdParams, channelIdOf } from './channel/channel-id.js'
export {
  type CloseTerms,
  checkClose,
  closeDigest,
  signCooperativeClose,
  verifyCooperativeClose,
} from './channel/close.js'
export {
  CHANNEL_UPDATE_TYPE,
  CHANNEL_UPDATE_TYPEHASH,
  type ChannelState,
  COOPERATIVE_CLOSE_TYPE,
  COOPERATIVE_CLOSE_TYPEHASH,
  cooperativeCloseDigest,
  domainSeparator,
  EIP712_DOMAIN_TYPE,
  EIP712_NAME,
  EIP712_VERSION,
  encodeChannelState,
  type SettlementDomain,
  updateDigest,
} from './channel/eip712.js'
export {
  checkPayFrame,
  decodePayFrame,
  encodePayFrame,
  type PayFrameKind,
  type PayFrameLimits,
  payFrameKind,
} from './channel/frames.js'
export {
  type HashLock,
  lockLeaf,
  lockProof,
  locksRoot,
  preimageMatches,
  verifyLockProof,
  ZERO_ROOT,
} from './channel/locks.js'
export {
  type ChannelOpenParams,
  channelOpenBody,
  checkChannelOpenBody,
  decodeChannelOpen,
  decodeChannelOpenBody,
  encodeChannelOpen,
  encodeChannelOpenBody,
  signChannelOpen,
  verifyChannelOpen,
} from './channel/open.js'
export {
  checkUpdate,
  createUpdate,
  decodeUpdate,
  encodeUpdate,
  type SignedUpdate,
  signUpdate,
  type UpdateLimits,
  type UpdateParams,
  updateState,
  type VerifiedUpdate,
  type VerifyUpdateOptions,
  verifyUpdate,
} from './channel/update.js'
// Identifiers, versions and limits.
export {
  ATTESTATION_VERSION,
  CARD_PROTOCOL,
  CARD_VERSION,
  CHANNEL_OPEN_VERSION,
  CHANNEL_UPDATE_VERSION,
  DEFAULT_CLOCK_SKEW_MS,
  DELIVERY_VERSION,
  DHT_PROTOCOL,
  ED25519_SIGNATURE_BYTES,
  EVM_ADDRESS_LENGTH,
  HASH_LENGTH,
  ID_LENGTH,
  JOB_PROTOCOL,
  JOB_REQUEST_VERSION,
  MAX_ADDRESS_BYTES,
  MAX_ADDRESSES_PER_CARD,
  MAX_ASSET_BYTES,
  MAX_ATTESTATION_BYTES,
  MAX_CARD_BYTES,
  MAX_CHANNEL_OPEN_BYTES,
  MAX_CONTENT_TYPE_BYTES,
  MAX_DESCRIPTION_BYTES,
  MAX_JOB_FRAME_BYTES,
  MAX_LOCKS_PER_UPDATE,
  MAX_MESSAGE_BYTES,
  MAX_NAME_BYTES,
  MAX_PAY_FRAME_BYTES,
  MAX_PAYMENT_TERMS_PER_CARD,
  MAX_PERMILLE,
  MAX_RATING,
  MAX_RECEIPT_BYTES,
  MAX_SCHEMA_BYTES,
  MAX_SKILL_ID_BYTES,
  MAX_SKILL_VERSION_BYTES,
  MAX_SKILLS_PER_CARD,
  MAX_SYNC_ATTESTATIONS,
  MAX_SYNC_REQUEST_BYTES,
  MAX_SYNC_RESPONSE_BYTES,
  MAX_TIME,
  PAY_PROTOCOL,
  PEER_KEY_LENGTH,
  PREIMAGE_LENGTH,
  QUOTE_VERSION,
  RECEIPT_VERSION,
  REPUTATION_SYNC_PROTOCOL,
  REPUTATION_TOPIC,
  SETTLEMENT_SIGNATURE_BYTES,
} from './constants.js'
// Keys and signing primitives.
export {
  assertLength,
  ED25519_PRIVATE_KEY_LENGTH,
  ED25519_PUBLIC_KEY_LENGTH,
  ED25519_SIGNATURE_LENGTH,
  ed25519PublicKey,
  ed25519Sign,
  ed25519Verify,
  generatePeerKeyPair,
  nobleEd25519Sign,
  nobleEd25519Verify,
  type PeerKeyPair,
} from './crypto/ed25519.js'
export {
  ADDRESS_LENGTH,
  addressOf,
  bytesEqual,
  DIGEST_LENGTH,
  generateSettlementKeyPair,
  nobleSecpRecoverAddress,
  type OwnedSettlementKeyPair,
  SECP256K1_SIGNATURE_LENGTH,
  type SettlementKeyPair,
  secpRecoverAddress,
  secpSignDigest,
  secpVerifyDigest,
  settlementKeyFromPrivate,
} from './crypto/secp256k1.js'
export type { Envelope, VerifyOptions } from './envelope.js'
// Errors and the wire error codes.
export {
  errorCodeFromValue,
  errorCodeOf,
  errorCodeOfName,
  errorCodeValue,
  errorFromCode,
  isRetryable,
  RemoteError,
} from './error-codes.js'
export {
  BadSignatureError,
  InvalidLengthError,
  InvalidStringError,
  MalformedMessageError,
  MessageTooLargeError,
  MismatchError,
  MissingFieldError,
  OutOfRangeError,
  ProtocolError,
  type ProtocolErrorName,
  TimeOutOfRangeError,
  UnsupportedVersionError,
} from './errors.js'
// Jobs.
export {
  checkDeliveryBody,
  checkResult,
  checkRevealedKey,
  ciphertextHashOf,
  decodeDelivery,
  decodeDeliveryBody,
  encodeDelivery,
  encodeDeliveryBody,
  lockHashOf,
  resultHashOf,
  signDelivery,
  verifyDelivery,
} from './job/delivery.js'
export {
  checkJobFrame,
  decodeJobFrame,
  encodeJobFrame,
  type JobFrameKind,
  type JobFrameLimits,
  jobFrameKind,
} from './job/frames.js'
export {
  checkQuoteBody,
  decodeQuote,
  decodeQuoteBody,
  encodeQuote,
  encodeQuoteBody,
  quoteHash,
  signQuote,
  verifyQuote,
} from './job/quote.js'
export {
  checkReceiptBody,
  decodeReceipt,
  decodeReceiptBody,
  encodeReceipt,
  encodeReceiptBody,
  type ReceiptPayment,
  type ReceiptRole,
  receiptBody,
  signReceipt,
  verifyReceipt,
  verifyReceiptSignature,
} from './job/receipt.js'
export {
  checkJobRequestBody,
  decodeJobRequest,
  decodeJobRequestBody,
  encodeJobRequest,
  encodeJobRequestBody,
  signJobRequest,
  verifyJobRequest,
} from './job/request.js'
export {
  type A2ATaskState,
  canTransition,
  fromA2ATaskState,
  nextJobStates,
  TERMINAL_JOB_STATES,
  toA2ATaskState,
  toX402PaymentStatus,
  type X402PaymentStatus,
} from './job/states.js'
// Wire messages (protons codecs and types, generated from src/pb/*.proto).
export { AgentCard, AgentCardBody, PaymentTerms, SkillLimits, SkillOffer } from './pb/card.js'
export {
  ChannelAck,
  ChannelClose,
  ChannelError,
  ChannelOpen,
  ChannelOpenBody,
  ChannelReestablish,
  ChannelUpdate,
  Lock,
  PayFrame,
} from './pb/channel.js'
export {
  Accept,
  Cancel,
  Delivery,
  DeliveryBody,
  ErrorCode,
  JobError,
  JobFrame,
  JobRequest,
  JobRequestBody,
  JobState,
  Pay,
  PaymentStatus,
  Progress,
  Quote,
  QuoteBody,
  Receipt,
  ReceiptBody,
  Reject,
  Reveal,
} from './pb/job.js'
export { Attestation, AttestationBody, SyncRequest, SyncResponse } from './pb/reputation.js'
export { SigningDomain, type SigningDomainName, signBody, signingInput, verifyBody } from './signing.js'
export type { TimeOptions } from './validate.js'
