/**
 * @packageDocumentation
 * @bazaar/wallet: the node's keys, one-way payment channels with durable signed state, and the
 * settlement layer (`Settlement`; `LocalLedger` for one host; `EvmSettlement` for EVM chains).
 *
 * @example
 * ```ts
 * import { LocalLedger, loadWalletKeys, openWallet } from '@bazaar/wallet'
 * const keys = await loadWalletKeys({ dataDir: './data' })
 * const settlement = await LocalLedger.open({ path: './ledger.db', account: keys.settlementKey.address })
 * const wallet = await openWallet({ dataDir: './data', settlement, keys })
 * const { channelId, open } = await wallet.channels.open({ peerKey, payeeAddress, deposit: 1_000n })
 * const update = await wallet.channels.createUpdate(channelId, { pay: 10n }) // durable, send it
 * ```
 */

export {
  ChannelBook,
  type ChannelsInit,
  type Emit,
  type LockView,
  type WalletEvents,
} from './channels/base.js'
export { Channels, type OpenRequest } from './channels/channels.js'
export {
  type OpenFields,
  type OpenParams,
  signAck,
  signOpen,
  signUpdateState,
  verifyAck,
  verifyOpen,
  verifyUpdateSignature,
} from './channels/codec.js'
export {
  AmountDecreasedError,
  BadUpdateSignatureError,
  ChannelBehindError,
  ChannelClosedError,
  ChannelDesyncError,
  type ChannelErrorCodeName,
  ChannelExpiredError,
  ChannelRuleError,
  ChannelUnknownError,
  channelErrorCode,
  InsufficientCapacityError,
  LockInvalidError,
  MalformedChannelMessageError,
  NotPartyChannelError,
  OpenMismatchError,
  PreviousHashMismatchError,
  SequenceGapError,
  StaleSequenceError,
  TokenNotAcceptedError,
  WrongNetworkError,
} from './channels/errors.js'
export { compareReestablish, type ReestablishResult, reestablishInfo } from './channels/reestablish.js'
export { DEFAULT_MAX_LOCKS, nextState, validateUpdate } from './channels/rules.js'
export {
  type DeadlineAction,
  type DeadlineOptions,
  signedStateOf,
  WalletChannels,
} from './channels/settle.js'
export type {
  ChannelAck,
  ChannelBalance,
  ChannelOpen,
  ChannelRecord,
  ChannelReestablish,
  ChannelRole,
  LocalChannelStatus,
  SignedUpdate,
  UpdateRecord,
  UpdateRequest,
} from './channels/types.js'
export { SettlementAccountMismatchError } from './errors.js'
// evm (on-chain settlement; owned by the settlement helper, keep this block together)
export { type AnvilProcess, locateAnvil, type StartAnvilOptions, startAnvil } from './evm/anvil.js'
export { NATIVE_TOKEN } from './evm/convert.js'
export { toSettlementError } from './evm/decode-error.js'
export {
  type Deployment,
  type DeployOptions,
  deployBazaar,
  type FundLocalOptions,
  fundLocalAccounts,
} from './evm/deploy.js'
export {
  AnvilNotFoundError,
  AnvilStartError,
  ChainMismatchError,
  ContractMismatchError,
  EvmSettlementError,
  JournalCorruptError,
  RpcUnavailableError,
  SETTLEMENT_RULE_ERRORS,
  SettlementAlreadyPaidOutError,
  SettlementAmountAboveDepositError,
  SettlementAmountLoweredError,
  SettlementAmountTooLargeError,
  SettlementChannelExistsError,
  SettlementChannelExpiredError,
  SettlementChannelNotFoundError,
  SettlementChannelNotOpenError,
  SettlementInvalidDisputeWindowError,
  SettlementInvalidExpiryError,
  SettlementInvalidPayeeError,
  SettlementInvalidSignatureError,
  SettlementLockClaimedError,
  SettlementLockExpiredError,
  SettlementLockNotFoundError,
  SettlementLocksAboveTotalError,
  SettlementNotClosingError,
  SettlementNotExpiredError,
  SettlementNothingToCollectError,
  SettlementNotPartyError,
  SettlementNotPayerError,
  SettlementRuleError,
  SettlementStaleStateError,
  SettlementTokenTransferFailedError,
  SettlementWindowOpenError,
  SettlementWindowOverError,
  SettlementWrongPreimageError,
  SettlementWrongValueError,
  SettlementZeroAmountError,
  TokenNotFoundError,
  TransactionFailedError,
} from './evm/errors.js'
export {
  DEFAULT_CURSOR_SAVE_INTERVAL_MS,
  FileWatchCursor,
  type WatchCursor,
} from './evm/event-watcher.js'
export {
  DEFAULT_LOG_BLOCK_RANGE,
  DEFAULT_POLLING_INTERVAL_MS,
  EvmSettlement,
  type EvmSettlementOptions,
} from './evm/evm-settlement.js'
export {
  bazaarChannelsAbi,
  bazaarChannelsBytecode,
  bazaarChannelsCodeHash,
  bazaarChannelsDeployedBytecode,
  contractsCompiler,
  contractsSourceSha256,
  mockTokenAbi,
  mockTokenBytecode,
} from './evm/generated/artifacts.js'
export {
  DEFAULT_LOCAL_TOKEN_FUNDS,
  LOCAL_TOKEN,
  type LocalChain,
  type LocalChainOptions,
  startLocalChain,
} from './evm/local-chain.js'
export {
  FileSettlementJournal,
  type JournalEntry,
  type JournalOutcome,
  type SettlementIntent,
  type SettlementJournal,
} from './evm/tx-journal.js'
export { DEFAULT_RETRY_INTERVAL_MS, type RecoveredEntry } from './evm/tx-sender.js'
// end evm
export {
  CorruptKeyFileError,
  InsecureKeyFileError,
  KeyFileError,
  KeyFileNotEncryptedError,
  PassphraseRequiredError,
  WrongKeyKindError,
  WrongPassphraseError,
} from './identity/errors.js'
export {
  createKeyFile,
  DEFAULT_KDF,
  decodeKeyFile,
  encodeKeyFile,
  type KdfParams,
  type KeyFileOptions,
  type KeyKind,
  loadOrCreateKeyFile,
  readKeyFile,
} from './identity/key-file.js'
export {
  type LoadKeysOptions,
  libp2pRawKey,
  loadPeerKey,
  loadSettlementKey,
  loadWalletKeys,
  PEER_KEY_FILE,
  SETTLEMENT_KEY_FILE,
  type WalletKeys,
} from './identity/keys.js'
export {
  LedgerAlreadyPaidOutError,
  LedgerAmountAboveDepositError,
  LedgerAmountLoweredError,
  LedgerChannelExistsError,
  LedgerChannelExpiredError,
  LedgerChannelNotFoundError,
  LedgerChannelNotOpenError,
  LedgerInsufficientFundsError,
  LedgerInvalidDisputeWindowError,
  LedgerInvalidExpiryError,
  LedgerInvalidPayeeError,
  LedgerInvalidSignatureError,
  LedgerLockClaimedError,
  LedgerLockExpiredError,
  LedgerLockNotFoundError,
  LedgerLocksAboveTotalError,
  LedgerNotClosingError,
  LedgerNotExpiredError,
  LedgerNotPartyError,
  LedgerNotPayerError,
  LedgerRuleError,
  LedgerStaleStateError,
  LedgerWindowOpenError,
  LedgerWindowOverError,
  LedgerWrongPreimageError,
  LedgerZeroAmountError,
} from './settlement/errors.js'
export { DEFAULT_LEDGER_CHAIN_ID, type LedgerTotals } from './settlement/ledger-file.js'
export { LocalLedger, type LocalLedgerOptions } from './settlement/local-ledger.js'
export type {
  ChannelStatus,
  LockLeaf,
  OpenChannelParams,
  SettledChannel,
  Settlement,
  SettlementEvent,
  SignedState,
  TxRef,
} from './settlement/types.js'
export { type OpenDatabaseOptions, openDatabase } from './store/database.js'
export { StoreClosedError, StoreCorruptError, StoreError, StoreFailedError } from './store/errors.js'
export { GroupCommit, type GroupCommitStats } from './store/group-commit.js'
export { type PreimageRecord, WalletStore } from './store/wallet-store.js'
export { type OpenWalletOptions, openWallet, WALLET_DB_FILE, Wallet, type WalletEvent } from './wallet.js'
