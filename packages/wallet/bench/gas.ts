/**
 * Gas per settlement step of BazaarChannels on a local anvil, and the on-chain cost per job for
 * 1, 100 and 10,000 jobs per channel, beside paying each job with its own ERC-20 transfer
 * (measured in the same run). Run: `pnpm exec tsc -b packages/wallet && pnpm exec node
 * packages/wallet/dist/bench/gas.js`.
 */
import { randomBytes } from 'node:crypto'
import { cooperativeCloseDigest, lockProof, locksRoot, secpSignDigest, updateDigest } from '@bazaar/protocol'
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  encodeFunctionData,
  erc20Abi,
  type Hex,
  http,
  keccak256,
  parseEther,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { startAnvil } from '../src/evm/anvil.js'
import { fromHex, NATIVE_TOKEN, toAddress } from '../src/evm/convert.js'
import { deployBazaar, fundLocalAccounts } from '../src/evm/deploy.js'
import { EvmSettlement } from '../src/evm/evm-settlement.js'
import { bazaarChannelsBytecode, contractsCompiler } from '../src/evm/generated/artifacts.js'
import type { SignedState, TxRef } from '../src/settlement/types.js'

const key = (): Uint8Array => new Uint8Array(randomBytes(32))
const hex = (b: Uint8Array): Hex => `0x${Buffer.from(b).toString('hex')}`

const anvil = await startAnvil()
try {
  const chainId = anvil.chainId
  const chain = defineChain({
    id: Number(chainId),
    name: 'anvil',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [anvil.rpcUrl] } },
  })
  const client = createPublicClient({ chain, transport: http(anvil.rpcUrl), pollingInterval: 20 })
  const deployerKey = key()
  await client.request({
    method: 'anvil_setBalance' as never,
    params: [privateKeyToAccount(hex(deployerKey)).address, `0x${parseEther('1000').toString(16)}`] as never,
  })
  const deployment = await deployBazaar({
    rpcUrl: anvil.rpcUrl,
    chainId,
    deployerKey,
    mockToken: { name: 'Mock USD', symbol: 'mUSD', decimals: 6 },
  })
  const token = deployment.token!
  const domain = { chainId, contract: deployment.contract }
  const party = async () => {
    const k = key()
    const address = fromHex(privateKeyToAccount(hex(k)).address)
    await fundLocalAccounts({
      rpcUrl: anvil.rpcUrl,
      chainId,
      minterKey: deployerKey,
      accounts: [address],
      token: { address: token, amount: 10n ** 15n },
    })
    const settlement = await EvmSettlement.connect({
      rpcUrl: anvil.rpcUrl,
      chainId,
      contract: deployment.contract,
      privateKey: k,
      pollingIntervalMs: 20,
    })
    return { key: k, address, settlement }
  }
  const payer = await party()
  const payee = await party()
  const gasOf = async (tx: TxRef | Hex): Promise<bigint> =>
    (await client.getTransactionReceipt({ hash: (typeof tx === 'string' ? tx : tx.ref) as Hex })).gasUsed
  const send = async (k: Uint8Array, to: Uint8Array, data: Hex): Promise<bigint> => {
    const wallet = createWalletClient({
      chain,
      transport: http(anvil.rpcUrl),
      account: privateKeyToAccount(hex(k)),
    })
    const hash = await wallet.sendTransaction({ to: toAddress(to), data })
    await client.waitForTransactionReceipt({ hash })
    return gasOf(hash)
  }
  const now = async (): Promise<bigint> => (await client.getBlock()).timestamp
  const increaseTime = async (s: bigint): Promise<void> => {
    await client.request({ method: 'evm_increaseTime' as never, params: [Number(s)] as never })
    await client.request({ method: 'evm_mine' as never, params: [] as never })
  }
  let nonce = 0n
  const open = async (native: boolean, deposit = 1_000_000n) => {
    const expiry = (await now()) + 86_400n
    const r = await payer.settlement.open({
      payee: payee.address,
      token: native ? NATIVE_TOKEN : token,
      deposit,
      expiry,
      disputeWindow: 600n,
      nonce: nonce++,
    })
    return { ...r, expiry }
  }
  const sign = (state: Omit<SignedState, 'signature'>): SignedState => ({
    ...state,
    signature: secpSignDigest(payer.key, updateDigest(domain, state)),
  })
  const state = (
    channelId: Uint8Array,
    sequence: bigint,
    cumulativePaid: bigint,
  ): Omit<SignedState, 'signature'> => ({
    channelId,
    sequence,
    previousStateHash: new Uint8Array(randomBytes(32)),
    cumulativePaid,
    lockedTotal: 0n,
    locksRoot: new Uint8Array(32),
    jobId: new Uint8Array(randomBytes(32)),
  })

  const rows: Array<[string, bigint]> = []
  rows.push(['deploy BazaarChannels', deployment.gasUsed.contract])

  // Baseline: one ERC-20 transfer per job (to a payee that already holds the token).
  const transferData = encodeFunctionData({
    abi: erc20Abi,
    functionName: 'transfer',
    args: [toAddress(payee.address), 1n],
  })
  await send(payer.key, token, transferData)
  const transfer = await send(payer.key, token, transferData)

  const approve = await send(
    payer.key,
    token,
    encodeFunctionData({
      abi: erc20Abi,
      functionName: 'approve',
      args: [toAddress(deployment.contract), 10n ** 14n],
    }),
  )
  rows.push(['approve (once per allowance)', approve])
  const firstErc = await open(false)
  rows.push(['open, ERC-20 (first channel of the contract)', await gasOf(firstErc.tx)])
  const erc = await open(false)
  rows.push(['open, ERC-20', await gasOf(erc.tx)])
  const firstNative = await open(true)
  rows.push(['open, native (first)', await gasOf(firstNative.tx)])
  const native = await open(true)
  rows.push(['open, native', await gasOf(native.tx)])
  rows.push(['top-up, ERC-20', await gasOf(await payer.settlement.topUp(erc.channelId, 1_000n))])
  rows.push(['top-up, native', await gasOf(await payer.settlement.topUp(native.channelId, 1_000n))])

  rows.push([
    'close (payee, no locks)',
    await gasOf(await payee.settlement.close(sign(state(erc.channelId, 5n, 500n)))),
  ])
  rows.push([
    'challenge',
    await gasOf(await payee.settlement.challenge(sign(state(erc.channelId, 9n, 900n)))),
  ])
  await payee.settlement.close(sign(state(native.channelId, 5n, 500n)))

  // Close with 8 locks, claim one (proof of 3 siblings).
  const locked = await open(false)
  const preimages = Array.from({ length: 8 }, () => new Uint8Array(randomBytes(32)))
  const expiry = (await now()) + 3_600n
  const locks = preimages.map((p) => ({
    hash: fromHex(keccak256(p)),
    amount: 100n,
    expiry,
    jobId: new Uint8Array(randomBytes(32)),
  }))
  const lockedState = {
    ...state(locked.channelId, 3n, 1_000n),
    lockedTotal: 800n,
    locksRoot: locksRoot(locks),
  }
  rows.push(['close with 8 locks', await gasOf(await payee.settlement.close(sign(lockedState)))])
  rows.push([
    'claim a lock (proof of 3)',
    await gasOf(
      await payee.settlement.claimLock(locked.channelId, locks[0]!, preimages[0]!, lockProof(locks, 0)),
    ),
  ])
  // The payer closed with a newer state without the locks: the payee claims against the older one.
  const dropped = await open(false)
  const olderState = sign({
    ...state(dropped.channelId, 3n, 1_000n),
    lockedTotal: 800n,
    locksRoot: locksRoot(locks),
  })
  await payer.settlement.close(sign(state(dropped.channelId, 4n, 1_000n)))
  rows.push([
    'claim a lock of an earlier state (proof of 3)',
    await gasOf(
      await payee.settlement.claimLockFrom(olderState, locks[1]!, preimages[1]!, lockProof(locks, 1)),
    ),
  ])

  await increaseTime(600n)
  rows.push(['withdraw, ERC-20', await gasOf(await payee.settlement.withdraw(erc.channelId))])
  rows.push(['withdraw, native', await gasOf(await payee.settlement.withdraw(native.channelId))])

  const refundErc = await open(false)
  const refundNative = await open(true)
  await increaseTime(86_400n + 600n)
  rows.push(['refund, ERC-20', await gasOf(await payee.settlement.refund(refundErc.channelId))])
  rows.push(['refund, native', await gasOf(await payee.settlement.refund(refundNative.channelId))])

  const coop = await open(false)
  const split = { channelId: coop.channelId, sequence: 100n, payeeAmount: 600_000n }
  const digest = cooperativeCloseDigest(domain, split)
  const coopGas = await gasOf(
    await payee.settlement.cooperativeClose({
      ...split,
      payerSignature: secpSignDigest(payer.key, digest),
      payeeSignature: secpSignDigest(payee.key, digest),
    }),
  )
  rows.push(['cooperative close, ERC-20', coopGas])

  const g = new Map(rows)
  const unilateral =
    approve + g.get('open, ERC-20')! + g.get('close (payee, no locks)')! + g.get('withdraw, ERC-20')!
  const cooperative = approve + g.get('open, ERC-20')! + coopGas

  const pad = (s: string, n: number) => s.padEnd(n)
  const num = (n: bigint | number) => n.toLocaleString('en-US')
  const ratio = (a: number, b: number) => `${(a / b).toFixed(a / b < 0.01 ? 5 : 2)}x`
  console.log(
    `BazaarChannels gas on anvil (solc ${contractsCompiler.solc.split('+')[0]}, ${contractsCompiler.evmVersion}, ` +
      `optimizer ${contractsCompiler.optimizerRuns} runs, viaIR ${contractsCompiler.viaIR}; creation code ${(bazaarChannelsBytecode.length - 2) / 2} bytes)`,
  )
  console.log(`baseline: one ERC-20 transfer = ${num(transfer)} gas\n`)
  console.log(`| step | gas | vs one ERC-20 transfer |\n| --- | ---: | ---: |`)
  for (const [name, gas] of rows)
    console.log(`| ${pad(name, 45)} | ${num(gas)} | ${ratio(Number(gas), Number(transfer))} |`)
  console.log(`\nOn-chain gas per job, one channel carrying N jobs, beside one ERC-20 transfer per job:\n`)
  console.log(
    '| jobs per channel | channel, unilateral (approve+open+close+withdraw) | channel, cooperative (approve+open+coop close) | transfer per job | unilateral vs transfer | cooperative vs transfer |\n| ---: | ---: | ---: | ---: | ---: | ---: |',
  )
  for (const n of [1, 100, 10_000]) {
    const u = Number(unilateral) / n
    const c = Number(cooperative) / n
    console.log(
      `| ${num(n)} | ${num(Math.round(u))} | ${num(Math.round(c))} | ${num(transfer)} | ${ratio(u, Number(transfer))} | ${ratio(c, Number(transfer))} |`,
    )
  }
  await payer.settlement.stop()
  await payee.settlement.stop()
} finally {
  await anvil.stop()
}
