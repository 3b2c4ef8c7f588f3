/** A real anvil with the contract and a mock token deployed, and funded parties (one per test file). */
import { randomBytes } from 'node:crypto'
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  type Hex,
  http,
  type PublicClient,
  parseEther,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { type AnvilProcess, startAnvil } from '../../src/evm/anvil.js'
import { type Address, fromHex, NATIVE_TOKEN, toAddress } from '../../src/evm/convert.js'
import { deployBazaar, fundLocalAccounts } from '../../src/evm/deploy.js'
import { EvmSettlement } from '../../src/evm/evm-settlement.js'
import { bazaarChannelsAbi, mockTokenAbi } from '../../src/evm/generated/artifacts.js'
import type { LockLeaf, SignedState } from '../../src/settlement/types.js'

export const TOKEN_FUNDS = 1_000_000_000n

export interface Party {
  key: Uint8Array
  address: Uint8Array
  hex: Address
  settlement: EvmSettlement
}

export const channelUpdateTypes = {
  ChannelUpdate: [
    { name: 'channelId', type: 'bytes32' },
    { name: 'sequence', type: 'uint64' },
    { name: 'previousStateHash', type: 'bytes32' },
    { name: 'cumulativePaid', type: 'uint256' },
    { name: 'lockedTotal', type: 'uint256' },
    { name: 'locksRoot', type: 'bytes32' },
    { name: 'jobId', type: 'bytes32' },
  ],
} as const

export const cooperativeCloseTypes = {
  CooperativeClose: [
    { name: 'channelId', type: 'bytes32' },
    { name: 'sequence', type: 'uint64' },
    { name: 'payeeAmount', type: 'uint256' },
  ],
} as const

export const hex = (b: Uint8Array): Hex => `0x${Buffer.from(b).toString('hex')}`
export const bytes32 = (): Uint8Array => new Uint8Array(randomBytes(32))

export interface Fixture {
  anvil: AnvilProcess
  chainId: bigint
  contract: Uint8Array
  contractHex: Address
  token: Uint8Array
  tokenHex: Address
  payer: Party
  payee: Party
  stranger: Party
  client: PublicClient
  /** A party with its own key, funded, for tests that need more accounts. */
  newParty(): Promise<Party>
  /** Sends a raw call from `key` (bypassing the adapter's checks), returns the error or undefined. */
  rawCall(key: Uint8Array, to: Address, data: Hex, value?: bigint): Promise<Hex>
  increaseTime(seconds: bigint): Promise<void>
  now(): Promise<bigint>
  signUpdate(
    key: Uint8Array,
    state: Omit<SignedState, 'signature'>,
    domain?: { chainId?: bigint; contract?: Address },
  ): Promise<SignedState>
  signCooperative(
    key: Uint8Array,
    c: { channelId: Uint8Array; sequence: bigint; payeeAmount: bigint },
  ): Promise<Uint8Array>
  tokenBalance(owner: Address): Promise<bigint>
  stop(): Promise<void>
}

export async function startFixture(): Promise<Fixture> {
  const anvil = await startAnvil()
  const chainId = anvil.chainId
  const chain = defineChain({
    id: Number(chainId),
    name: 'anvil',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [anvil.rpcUrl] } },
  })
  const client = createPublicClient({
    chain,
    transport: http(anvil.rpcUrl),
    pollingInterval: 20,
  }) as PublicClient
  const deployerKey = bytes32()
  const deployer = privateKeyToAccount(hex(deployerKey))
  await client.request({
    method: 'anvil_setBalance' as never,
    params: [deployer.address, `0x${parseEther('1000').toString(16)}`] as never,
  })
  const deployment = await deployBazaar({
    rpcUrl: anvil.rpcUrl,
    chainId,
    deployerKey,
    mockToken: { name: 'Mock USD', symbol: 'mUSD', decimals: 6 },
  })
  const token = deployment.token!
  const settlements: EvmSettlement[] = []
  const newParty = async (): Promise<Party> => {
    const key = bytes32()
    const address = fromHex(privateKeyToAccount(hex(key)).address)
    await fundLocalAccounts({
      rpcUrl: anvil.rpcUrl,
      chainId,
      minterKey: deployerKey,
      accounts: [address],
      token: { address: token, amount: TOKEN_FUNDS },
    })
    const settlement = await EvmSettlement.connect({
      rpcUrl: anvil.rpcUrl,
      chainId,
      contract: deployment.contract,
      token,
      privateKey: key,
      pollingIntervalMs: 20,
    })
    settlements.push(settlement)
    return { key, address, hex: toAddress(address), settlement }
  }
  const [payer, payee, stranger] = [await newParty(), await newParty(), await newParty()]
  const contractHex = toAddress(deployment.contract)
  const tokenHex = toAddress(token)

  const fixture: Fixture = {
    anvil,
    chainId,
    contract: deployment.contract,
    contractHex,
    token,
    tokenHex,
    payer,
    payee,
    stranger,
    client,
    newParty,
    async rawCall(key, to, data, value = 0n) {
      const wallet = createWalletClient({
        chain,
        transport: http(anvil.rpcUrl),
        account: privateKeyToAccount(hex(key)),
      })
      const hash = await wallet.sendTransaction({ to, data, value })
      await client.waitForTransactionReceipt({ hash })
      return hash
    },
    async increaseTime(seconds) {
      await client.request({ method: 'evm_increaseTime' as never, params: [Number(seconds)] as never })
      await client.request({ method: 'evm_mine' as never, params: [] as never })
    },
    async now() {
      return (await client.getBlock({ blockTag: 'latest' })).timestamp
    },
    async signUpdate(key, state, domain = {}) {
      const signature = await privateKeyToAccount(hex(key)).signTypedData({
        domain: {
          name: 'Bazaar Channels',
          version: '1',
          chainId: domain.chainId ?? chainId,
          verifyingContract: domain.contract ?? contractHex,
        },
        types: channelUpdateTypes,
        primaryType: 'ChannelUpdate',
        message: {
          channelId: hex(state.channelId),
          sequence: state.sequence,
          previousStateHash: hex(state.previousStateHash),
          cumulativePaid: state.cumulativePaid,
          lockedTotal: state.lockedTotal,
          locksRoot: hex(state.locksRoot),
          jobId: hex(state.jobId),
        },
      })
      return { ...state, signature: fromHex(signature) }
    },
    async signCooperative(key, c) {
      const signature = await privateKeyToAccount(hex(key)).signTypedData({
        domain: { name: 'Bazaar Channels', version: '1', chainId, verifyingContract: contractHex },
        types: cooperativeCloseTypes,
        primaryType: 'CooperativeClose',
        message: { channelId: hex(c.channelId), sequence: c.sequence, payeeAmount: c.payeeAmount },
      })
      return fromHex(signature)
    },
    async tokenBalance(owner) {
      return client.readContract({
        address: tokenHex,
        abi: mockTokenAbi,
        functionName: 'balanceOf',
        args: [owner],
      })
    },
    async stop() {
      for (const s of settlements) await s.stop()
      await anvil.stop()
    },
  }
  return fixture
}

/** A state with no locks, for tests. */
export function plainState(
  channelId: Uint8Array,
  sequence: bigint,
  cumulativePaid: bigint,
): Omit<SignedState, 'signature'> {
  return {
    channelId,
    sequence,
    previousStateHash: channelId,
    cumulativePaid,
    lockedTotal: 0n,
    locksRoot: new Uint8Array(32),
    jobId: new Uint8Array(32),
  }
}

/** Opens a channel from the fixture's payer to its payee. */
export async function openChannel(
  f: Fixture,
  o: { native?: boolean; deposit?: bigint; ttl?: bigint; disputeWindow?: bigint; nonce?: bigint } = {},
): Promise<{
  channelId: Uint8Array
  expiry: bigint
  disputeWindow: bigint
  deposit: bigint
  token: Uint8Array
}> {
  const now = await f.now()
  const expiry = now + (o.ttl ?? 3_600n)
  const disputeWindow = o.disputeWindow ?? 600n
  const deposit = o.deposit ?? 1_000n
  const token = o.native ? NATIVE_TOKEN : f.token
  const { channelId } = await f.payer.settlement.open({
    payee: f.payee.address,
    token,
    deposit,
    expiry,
    disputeWindow,
    nonce: o.nonce ?? BigInt(Math.floor(Math.random() * 2 ** 48)),
  })
  return { channelId, expiry, disputeWindow, deposit, token }
}

export type { LockLeaf }
export { bazaarChannelsAbi }
