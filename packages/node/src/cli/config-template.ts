/**
 * The commented config file `bazaar init` writes. TOML because it has comments (a config a person
 * edits must explain itself), a strict specification, and a small, dependency-free parser
 * (smol-toml) that rejects what it does not understand instead of guessing.
 */

export interface TemplateValues {
  chain: string
  apiPort: number
  listen: string[]
}

/** Renders `bazaar.toml`. */
export function renderConfig(values: TemplateValues): string {
  const listen = values.listen.map((a) => JSON.stringify(a)).join(', ')
  return `# Bazaar node configuration, written by \`bazaar init\`.
#
# Precedence: command-line flags > BAZAAR_* environment variables > this file.
# Amounts are integers in the settlement token's smallest unit, written as strings.

[node]
# Shown to other agents in this node's signed agent card.
name = "bazaar-agent"
# description = "Summarizes English text"
# libp2p addresses to listen on. Use /ip4/0.0.0.0/tcp/4001 to accept peers from other hosts.
# Env: BAZAAR_LISTEN (comma-separated). Flag: --listen.
listen = [${listen}]
# Peers to dial at start (multiaddrs ending in /p2p/<peer-id>). Env: BAZAAR_BOOTSTRAP.
bootstrap = []

[api]
# The local control API (HTTP JSON, bearer token in api.token beside this file).
# It listens on loopback only; serving other interfaces needs allow_remote = true and
# exposes the node to anyone who has the token (plain HTTP: put TLS in front).
host = "127.0.0.1"
# 0 picks a free port; the chosen URL is written to api.json beside this file.
port = ${values.apiPort}
allow_remote = false

[log]
# trace | debug | info | warn | error | fatal. Env: BAZAAR_LOG_LEVEL. Flag: --log-level.
level = "info"

[chain]
# "local" starts a private chain (anvil) as a child process of the node, deploys the channel
# contract and a test token and funds this node's account; it stops with the node.
# Otherwise an RPC URL (for example https://rpc.example.org) of an EVM chain where the Bazaar
# contract is deployed, with contract, token and chain_id below. "ledger:/path/ledger.db" settles
# on a LocalLedger file shared by the nodes of one host (development, tests). Env: BAZAAR_CHAIN.
settlement = ${JSON.stringify(values.chain)}
# chain_id = 196
# contract = "0x..."
# token = "0x..."

[channels]
# Deposit of a channel opened on a first hire.
capacity = "1000000"
# Seconds a channel stays open, and the dispute window after a unilateral close.
ttl_seconds = 86400
dispute_window_seconds = 600

[spending]
# An autonomous agent must not be able to drain its wallet: hires above these limits fail
# before anything is sent.
per_job = "10000"
per_peer = "100000"
per_day = "500000"

# Skills this node sells. Each is served either by a JS/TS module that exports
# \`async function handle(input: Uint8Array, context): Promise<Uint8Array>\`, or by an external
# command that reads the job input on stdin and writes the result on stdout (exit code 0).
#
# [[skills]]
# id = "summarize"
# price = "100"          # base units per job
# concurrency = 4        # jobs at once; more are answered busy
# command = ["python3", "summarize.py"]
# timeout_ms = 30000
#
# [[skills]]
# id = "reverse"
# price = "10"
# module = "./skills/reverse.mjs"   # relative to this file
`
}
