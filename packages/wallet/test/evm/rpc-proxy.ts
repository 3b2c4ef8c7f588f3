/** A JSON-RPC proxy in front of anvil that can go down, or lose the answer to a broadcast. */
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

export type ProxyMode =
  /** Forwards everything. */
  | 'up'
  /** Drops every connection: the endpoint is unreachable. */
  | 'down'
  /** Forwards the next eth_sendRawTransaction to anvil, loses its answer, then goes down. */
  | 'lose-broadcast-answer'
  /** Goes down as soon as an eth_sendRawTransaction arrives (it never reaches anvil). */
  | 'down-at-broadcast'

export interface RpcProxy {
  url: string
  mode: ProxyMode
  /** eth_sendRawTransaction requests that reached anvil. */
  broadcasts: number
  close(): Promise<void>
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export async function startRpcProxy(upstream: string): Promise<RpcProxy> {
  const server = createServer(async (req, res) => {
    const text = await body(req)
    const isBroadcast = text.includes('eth_sendRawTransaction')
    if (proxy.mode === 'down' || (proxy.mode === 'down-at-broadcast' && isBroadcast)) {
      if (isBroadcast) proxy.mode = 'down'
      req.socket.destroy()
      return
    }
    const answer = await fetch(upstream, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: text,
    })
    const out = await answer.text()
    if (isBroadcast) proxy.broadcasts++
    if (proxy.mode === 'lose-broadcast-answer' && isBroadcast) {
      proxy.mode = 'down'
      req.socket.destroy()
      return
    }
    res.writeHead(answer.status, { 'content-type': 'application/json' })
    res.end(out)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const proxy: RpcProxy = {
    url: `http://127.0.0.1:${port}`,
    mode: 'up',
    broadcasts: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
  return proxy
}
