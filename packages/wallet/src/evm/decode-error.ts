import { BaseError, decodeErrorResult, type Hex, HttpRequestError, TimeoutError } from 'viem'
import {
  EvmSettlementError,
  RpcUnavailableError,
  SETTLEMENT_RULE_ERRORS,
  SettlementRuleError,
  TransactionFailedError,
} from './errors.js'
import { bazaarChannelsAbi } from './generated/artifacts.js'

const errorInputs = new Map<string, readonly { name: string }[]>(
  bazaarChannelsAbi.filter((item) => item.type === 'error').map((item) => [item.name, item.inputs]),
)

/** Finds revert data anywhere in a viem error's cause chain. */
function revertData(err: unknown): Hex | undefined {
  let e: unknown = err
  for (let depth = 0; e !== undefined && e !== null && depth < 16; depth++) {
    const candidate = e as { data?: unknown; cause?: unknown }
    const data = candidate.data
    if (typeof data === 'string' && /^0x[0-9a-fA-F]{8}/.test(data)) return data as Hex
    if (typeof data === 'object' && data !== null) {
      const inner = (data as { data?: unknown }).data
      if (typeof inner === 'string' && /^0x[0-9a-fA-F]{8}/.test(inner)) return inner as Hex
    }
    e = candidate.cause
  }
  return undefined
}

/** Builds the typed error for a contract custom error name and its arguments. */
export function settlementRuleError(
  name: string,
  args: readonly unknown[],
  cause?: unknown,
): SettlementRuleError {
  const inputs = errorInputs.get(name) ?? []
  const details: Record<string, unknown> = {}
  inputs.forEach((input, i) => {
    details[input.name || `arg${i}`] = args[i]
  })
  const ErrorClass = SETTLEMENT_RULE_ERRORS[name] ?? SettlementRuleError
  return new ErrorClass(name, details, cause === undefined ? undefined : { cause })
}

/**
 * Turns whatever a viem call threw into the adapter's typed error: the contract's custom error
 * as its own class, an unreachable endpoint as {@link RpcUnavailableError}, anything else as
 * {@link TransactionFailedError}.
 */
export function toSettlementError(err: unknown, action: string, txHash?: string): EvmSettlementError {
  if (err instanceof EvmSettlementError) return err
  const data = revertData(err)
  if (data !== undefined) {
    try {
      const decoded = decodeErrorResult({ abi: bazaarChannelsAbi, data })
      return settlementRuleError(decoded.errorName, decoded.args ?? [], err)
    } catch {
      // Not one of the contract's errors (a token's own revert, a panic): fall through.
    }
  }
  if (err instanceof BaseError) {
    const network = err.walk((e) => e instanceof HttpRequestError || e instanceof TimeoutError)
    if (network !== null && data === undefined) return new RpcUnavailableError(action, { cause: err })
  }
  return new TransactionFailedError(action, txHash, { cause: err })
}
