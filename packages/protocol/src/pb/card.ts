import { readUint64, writeUint64 } from './uint64.js'
import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface SkillLimits {
  maxInputBytes: number
  maxOutputBytes: number
  maxConcurrency: number
  maxDurationMs: number
}

export namespace SkillLimits {
  let _codec: Codec<SkillLimits>

  export const codec = (): Codec<SkillLimits> => {
    if (_codec == null) {
      _codec = message<SkillLimits>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.maxInputBytes != null && obj.maxInputBytes !== 0)) {
          w.uint32(8)
          w.uint32(obj.maxInputBytes)
        }

        if ((obj.maxOutputBytes != null && obj.maxOutputBytes !== 0)) {
          w.uint32(16)
          w.uint32(obj.maxOutputBytes)
        }

        if ((obj.maxConcurrency != null && obj.maxConcurrency !== 0)) {
          w.uint32(24)
          w.uint32(obj.maxConcurrency)
        }

        if ((obj.maxDurationMs != null && obj.maxDurationMs !== 0)) {
          w.uint32(32)
          w.uint32(obj.maxDurationMs)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          maxInputBytes: 0,
          maxOutputBytes: 0,
          maxConcurrency: 0,
          maxDurationMs: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.maxInputBytes = reader.uint32()
              break
            }
            case 2: {
              obj.maxOutputBytes = reader.uint32()
              break
            }
            case 3: {
              obj.maxConcurrency = reader.uint32()
              break
            }
            case 4: {
              obj.maxDurationMs = reader.uint32()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.maxInputBytes`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.maxOutputBytes`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.maxConcurrency`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.maxDurationMs`,
                value: reader.uint32()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface SkillLimitsMaxInputBytesFieldEvent {
    field: '$.maxInputBytes'
    value: number
  }

  export interface SkillLimitsMaxOutputBytesFieldEvent {
    field: '$.maxOutputBytes'
    value: number
  }

  export interface SkillLimitsMaxConcurrencyFieldEvent {
    field: '$.maxConcurrency'
    value: number
  }

  export interface SkillLimitsMaxDurationMsFieldEvent {
    field: '$.maxDurationMs'
    value: number
  }

  export function encode (obj: Partial<SkillLimits>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SkillLimits.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SkillLimits>): SkillLimits {
    return decodeMessage(buf, SkillLimits.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SkillLimits>): Generator<SkillLimitsMaxInputBytesFieldEvent | SkillLimitsMaxOutputBytesFieldEvent | SkillLimitsMaxConcurrencyFieldEvent | SkillLimitsMaxDurationMsFieldEvent> {
    return streamMessage(buf, SkillLimits.codec(), opts)
  }
}

export interface SkillOffer {
  id: string
  version: string
  description: string
  inputSchema: string
  outputSchema: string
  price: bigint
  asset: string
  limits?: SkillLimits
}

export namespace SkillOffer {
  let _codec: Codec<SkillOffer>

  export const codec = (): Codec<SkillOffer> => {
    if (_codec == null) {
      _codec = message<SkillOffer>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(10)
          w.string(obj.id)
        }

        if ((obj.version != null && obj.version !== '')) {
          w.uint32(18)
          w.string(obj.version)
        }

        if ((obj.description != null && obj.description !== '')) {
          w.uint32(26)
          w.string(obj.description)
        }

        if ((obj.inputSchema != null && obj.inputSchema !== '')) {
          w.uint32(34)
          w.string(obj.inputSchema)
        }

        if ((obj.outputSchema != null && obj.outputSchema !== '')) {
          w.uint32(42)
          w.string(obj.outputSchema)
        }

        if ((obj.price != null && obj.price !== 0n)) {
          w.uint32(48)
          writeUint64(w, obj.price)
        }

        if ((obj.asset != null && obj.asset !== '')) {
          w.uint32(58)
          w.string(obj.asset)
        }

        if (obj.limits != null) {
          w.uint32(66)
          SkillLimits.codec().encode(obj.limits, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          version: '',
          description: '',
          inputSchema: '',
          outputSchema: '',
          price: 0n,
          asset: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.string()
              break
            }
            case 2: {
              obj.version = reader.string()
              break
            }
            case 3: {
              obj.description = reader.string()
              break
            }
            case 4: {
              obj.inputSchema = reader.string()
              break
            }
            case 5: {
              obj.outputSchema = reader.string()
              break
            }
            case 6: {
              obj.price = readUint64(reader)
              break
            }
            case 7: {
              obj.asset = reader.string()
              break
            }
            case 8: {
              obj.limits = SkillLimits.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.limits
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.id`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.version`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.description`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.inputSchema`,
                value: reader.string()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.outputSchema`,
                value: reader.string()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.price`,
                value: readUint64(reader)
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.asset`,
                value: reader.string()
              }
              break
            }
            case 8: {
              yield * SkillLimits.codec().stream(reader, reader.uint32(), `${prefix}.limits`, {
                limits: opts.limits?.limits
              })

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface SkillOfferIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface SkillOfferVersionFieldEvent {
    field: '$.version'
    value: string
  }

  export interface SkillOfferDescriptionFieldEvent {
    field: '$.description'
    value: string
  }

  export interface SkillOfferInputSchemaFieldEvent {
    field: '$.inputSchema'
    value: string
  }

  export interface SkillOfferOutputSchemaFieldEvent {
    field: '$.outputSchema'
    value: string
  }

  export interface SkillOfferPriceFieldEvent {
    field: '$.price'
    value: bigint
  }

  export interface SkillOfferAssetFieldEvent {
    field: '$.asset'
    value: string
  }

  export interface SkillOfferLimitsMaxInputBytesFieldEvent {
    field: '$.limits.maxInputBytes'
    value: number
  }

  export interface SkillOfferLimitsMaxOutputBytesFieldEvent {
    field: '$.limits.maxOutputBytes'
    value: number
  }

  export interface SkillOfferLimitsMaxConcurrencyFieldEvent {
    field: '$.limits.maxConcurrency'
    value: number
  }

  export interface SkillOfferLimitsMaxDurationMsFieldEvent {
    field: '$.limits.maxDurationMs'
    value: number
  }

  export function encode (obj: Partial<SkillOffer>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SkillOffer.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SkillOffer>): SkillOffer {
    return decodeMessage(buf, SkillOffer.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SkillOffer>): Generator<SkillOfferIdFieldEvent | SkillOfferVersionFieldEvent | SkillOfferDescriptionFieldEvent | SkillOfferInputSchemaFieldEvent | SkillOfferOutputSchemaFieldEvent | SkillOfferPriceFieldEvent | SkillOfferAssetFieldEvent | SkillOfferLimitsMaxInputBytesFieldEvent | SkillOfferLimitsMaxOutputBytesFieldEvent | SkillOfferLimitsMaxConcurrencyFieldEvent | SkillOfferLimitsMaxDurationMsFieldEvent> {
    return streamMessage(buf, SkillOffer.codec(), opts)
  }
}

export interface PaymentTerms {
  chainId: bigint
  contract: Uint8Array<ArrayBuffer>
  payeeAddress: Uint8Array<ArrayBuffer>
  token?: Uint8Array<ArrayBuffer>
}

export namespace PaymentTerms {
  let _codec: Codec<PaymentTerms>

  export const codec = (): Codec<PaymentTerms> => {
    if (_codec == null) {
      _codec = message<PaymentTerms>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.chainId != null && obj.chainId !== 0n)) {
          w.uint32(8)
          writeUint64(w, obj.chainId)
        }

        if ((obj.contract != null && obj.contract.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.contract)
        }

        if ((obj.payeeAddress != null && obj.payeeAddress.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.payeeAddress)
        }

        if (obj.token != null) {
          w.uint32(34)
          w.bytes(obj.token)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chainId: 0n,
          contract: uint8ArrayAlloc(0),
          payeeAddress: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.chainId = readUint64(reader)
              break
            }
            case 2: {
              obj.contract = reader.bytes()
              break
            }
            case 3: {
              obj.payeeAddress = reader.bytes()
              break
            }
            case 4: {
              obj.token = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.chainId`,
                value: readUint64(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.contract`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.payeeAddress`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.token`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PaymentTermsChainIdFieldEvent {
    field: '$.chainId'
    value: bigint
  }

  export interface PaymentTermsContractFieldEvent {
    field: '$.contract'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PaymentTermsPayeeAddressFieldEvent {
    field: '$.payeeAddress'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PaymentTermsTokenFieldEvent {
    field: '$.token'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<PaymentTerms>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PaymentTerms.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PaymentTerms>): PaymentTerms {
    return decodeMessage(buf, PaymentTerms.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PaymentTerms>): Generator<PaymentTermsChainIdFieldEvent | PaymentTermsContractFieldEvent | PaymentTermsPayeeAddressFieldEvent | PaymentTermsTokenFieldEvent> {
    return streamMessage(buf, PaymentTerms.codec(), opts)
  }
}

export interface AgentCardBody {
  version: number
  peerKey: Uint8Array<ArrayBuffer>
  name: string
  description: string
  skills: SkillOffer[]
  addresses: Uint8Array<ArrayBuffer>[]
  issuedAt: bigint
  expiresAt: bigint
  sequence: bigint
  payment: PaymentTerms[]
}

export namespace AgentCardBody {
  let _codec: Codec<AgentCardBody>

  export const codec = (): Codec<AgentCardBody> => {
    if (_codec == null) {
      _codec = message<AgentCardBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.peerKey != null && obj.peerKey.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.peerKey)
        }

        if ((obj.name != null && obj.name !== '')) {
          w.uint32(26)
          w.string(obj.name)
        }

        if ((obj.description != null && obj.description !== '')) {
          w.uint32(34)
          w.string(obj.description)
        }

        if (obj.skills != null && obj.skills.length > 0) {
          for (const value of obj.skills) {
            w.uint32(42)
            SkillOffer.codec().encode(value, w)
          }
        }

        if (obj.addresses != null && obj.addresses.length > 0) {
          for (const value of obj.addresses) {
            w.uint32(50)
            w.bytes(value)
          }
        }

        if ((obj.issuedAt != null && obj.issuedAt !== 0n)) {
          w.uint32(56)
          writeUint64(w, obj.issuedAt)
        }

        if ((obj.expiresAt != null && obj.expiresAt !== 0n)) {
          w.uint32(64)
          writeUint64(w, obj.expiresAt)
        }

        if ((obj.sequence != null && obj.sequence !== 0n)) {
          w.uint32(72)
          writeUint64(w, obj.sequence)
        }

        if (obj.payment != null && obj.payment.length > 0) {
          for (const value of obj.payment) {
            w.uint32(82)
            PaymentTerms.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          peerKey: uint8ArrayAlloc(0),
          name: '',
          description: '',
          skills: [],
          addresses: [],
          issuedAt: 0n,
          expiresAt: 0n,
          sequence: 0n,
          payment: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.version = reader.uint32()
              break
            }
            case 2: {
              obj.peerKey = reader.bytes()
              break
            }
            case 3: {
              obj.name = reader.string()
              break
            }
            case 4: {
              obj.description = reader.string()
              break
            }
            case 5: {
              if (opts.limits?.skills != null && obj.skills.length === opts.limits.skills) {
                throw new MaxLengthError('Decode error - repeated field "skills" had too many elements')
              }

              obj.skills.push(SkillOffer.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.skills$
              }))
              break
            }
            case 6: {
              if (opts.limits?.addresses != null && obj.addresses.length === opts.limits.addresses) {
                throw new MaxLengthError('Decode error - repeated field "addresses" had too many elements')
              }

              obj.addresses.push(reader.bytes())
              break
            }
            case 7: {
              obj.issuedAt = readUint64(reader)
              break
            }
            case 8: {
              obj.expiresAt = readUint64(reader)
              break
            }
            case 9: {
              obj.sequence = readUint64(reader)
              break
            }
            case 10: {
              if (opts.limits?.payment != null && obj.payment.length === opts.limits.payment) {
                throw new MaxLengthError('Decode error - repeated field "payment" had too many elements')
              }

              obj.payment.push(PaymentTerms.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.payment$
              }))
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          skills: 0,
          addresses: 0,
          payment: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.peerKey`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.name`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.description`,
                value: reader.string()
              }
              break
            }
            case 5: {
              if (opts.limits?.skills != null && obj.skills === opts.limits.skills) {
                throw new MaxLengthError('Streaming decode error - repeated field "skills" had too many elements')
              }

              for (const evt of SkillOffer.codec().stream(reader, reader.uint32(), `${prefix}.skills[]`, {
                limits: opts.limits?.skills$
              })) {
                yield {
                  ...evt,
                  index: obj.skills
                }
              }

              obj.skills++

              break
            }
            case 6: {
              if (opts.limits?.addresses != null && obj.addresses === opts.limits.addresses) {
                throw new MaxLengthError('Streaming decode error - repeated field "addresses" had too many elements')
              }

              yield {
                field: `${prefix}.addresses[]`,
                index: obj.addresses,
                value: reader.bytes()
              }

              obj.addresses++

              break
            }
            case 7: {
              yield {
                field: `${prefix}.issuedAt`,
                value: readUint64(reader)
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.expiresAt`,
                value: readUint64(reader)
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.sequence`,
                value: readUint64(reader)
              }
              break
            }
            case 10: {
              if (opts.limits?.payment != null && obj.payment === opts.limits.payment) {
                throw new MaxLengthError('Streaming decode error - repeated field "payment" had too many elements')
              }

              for (const evt of PaymentTerms.codec().stream(reader, reader.uint32(), `${prefix}.payment[]`, {
                limits: opts.limits?.payment$
              })) {
                yield {
                  ...evt,
                  index: obj.payment
                }
              }

              obj.payment++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface AgentCardBodyVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface AgentCardBodyPeerKeyFieldEvent {
    field: '$.peerKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AgentCardBodyNameFieldEvent {
    field: '$.name'
    value: string
  }

  export interface AgentCardBodyDescriptionFieldEvent {
    field: '$.description'
    value: string
  }

  export interface AgentCardBodySkillsIdFieldEvent {
    field: '$.skills[].id'
    value: string
    index: number
  }

  export interface AgentCardBodySkillsVersionFieldEvent {
    field: '$.skills[].version'
    value: string
    index: number
  }

  export interface AgentCardBodySkillsDescriptionFieldEvent {
    field: '$.skills[].description'
    value: string
    index: number
  }

  export interface AgentCardBodySkillsInputSchemaFieldEvent {
    field: '$.skills[].inputSchema'
    value: string
    index: number
  }

  export interface AgentCardBodySkillsOutputSchemaFieldEvent {
    field: '$.skills[].outputSchema'
    value: string
    index: number
  }

  export interface AgentCardBodySkillsPriceFieldEvent {
    field: '$.skills[].price'
    value: bigint
    index: number
  }

  export interface AgentCardBodySkillsAssetFieldEvent {
    field: '$.skills[].asset'
    value: string
    index: number
  }

  export interface AgentCardBodySkillsLimitsMaxInputBytesFieldEvent {
    field: '$.skills[].limits.maxInputBytes'
    value: number
    index: number
  }

  export interface AgentCardBodySkillsLimitsMaxOutputBytesFieldEvent {
    field: '$.skills[].limits.maxOutputBytes'
    value: number
    index: number
  }

  export interface AgentCardBodySkillsLimitsMaxConcurrencyFieldEvent {
    field: '$.skills[].limits.maxConcurrency'
    value: number
    index: number
  }

  export interface AgentCardBodySkillsLimitsMaxDurationMsFieldEvent {
    field: '$.skills[].limits.maxDurationMs'
    value: number
    index: number
  }

  export interface AgentCardBodyAddressesFieldEvent {
    field: '$.addresses[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface AgentCardBodyIssuedAtFieldEvent {
    field: '$.issuedAt'
    value: bigint
  }

  export interface AgentCardBodyExpiresAtFieldEvent {
    field: '$.expiresAt'
    value: bigint
  }

  export interface AgentCardBodySequenceFieldEvent {
    field: '$.sequence'
    value: bigint
  }

  export interface AgentCardBodyPaymentChainIdFieldEvent {
    field: '$.payment[].chainId'
    value: bigint
    index: number
  }

  export interface AgentCardBodyPaymentContractFieldEvent {
    field: '$.payment[].contract'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface AgentCardBodyPaymentPayeeAddressFieldEvent {
    field: '$.payment[].payeeAddress'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface AgentCardBodyPaymentTokenFieldEvent {
    field: '$.payment[].token'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export function encode (obj: Partial<AgentCardBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AgentCardBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AgentCardBody>): AgentCardBody {
    return decodeMessage(buf, AgentCardBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AgentCardBody>): Generator<AgentCardBodyVersionFieldEvent | AgentCardBodyPeerKeyFieldEvent | AgentCardBodyNameFieldEvent | AgentCardBodyDescriptionFieldEvent | AgentCardBodySkillsIdFieldEvent | AgentCardBodySkillsVersionFieldEvent | AgentCardBodySkillsDescriptionFieldEvent | AgentCardBodySkillsInputSchemaFieldEvent | AgentCardBodySkillsOutputSchemaFieldEvent | AgentCardBodySkillsPriceFieldEvent | AgentCardBodySkillsAssetFieldEvent | AgentCardBodySkillsLimitsMaxInputBytesFieldEvent | AgentCardBodySkillsLimitsMaxOutputBytesFieldEvent | AgentCardBodySkillsLimitsMaxConcurrencyFieldEvent | AgentCardBodySkillsLimitsMaxDurationMsFieldEvent | AgentCardBodyAddressesFieldEvent | AgentCardBodyIssuedAtFieldEvent | AgentCardBodyExpiresAtFieldEvent | AgentCardBodySequenceFieldEvent | AgentCardBodyPaymentChainIdFieldEvent | AgentCardBodyPaymentContractFieldEvent | AgentCardBodyPaymentPayeeAddressFieldEvent | AgentCardBodyPaymentTokenFieldEvent> {
    return streamMessage(buf, AgentCardBody.codec(), opts)
  }
}

export interface AgentCard {
  body: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace AgentCard {
  let _codec: Codec<AgentCard>

  export const codec = (): Codec<AgentCard> => {
    if (_codec == null) {
      _codec = message<AgentCard>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.body != null && obj.body.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.body)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          body: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.body = reader.bytes()
              break
            }
            case 2: {
              obj.signature = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.body`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface AgentCardBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AgentCardSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<AgentCard>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AgentCard.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AgentCard>): AgentCard {
    return decodeMessage(buf, AgentCard.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AgentCard>): Generator<AgentCardBodyFieldEvent | AgentCardSignatureFieldEvent> {
    return streamMessage(buf, AgentCard.codec(), opts)
  }
}
