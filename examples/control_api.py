#!/usr/bin/env python3
"""Drive a running Bazaar node from Python through its local control API (stdlib only).

Usage:
    python3 examples/control_api.py [--data-dir DIR] [--skill SKILL] [--text TEXT] [--budget N]

The node's URL comes from <data-dir>/api.json and its bearer token from <data-dir>/api.token,
both written by `bazaar start` (or set BAZAAR_API_URL / BAZAAR_API_TOKEN). The script prints
the node's status, the workers selling SKILL, hires the best one with TEXT as input (streaming
progress as NDJSON), and prints the result, the channel books and the reputation scores.
Exit code 0 on success, 1 on an API error, 4 when no node runs for the data directory.
"""

import argparse
import base64
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request


class Api:
    """A minimal client of the control API (see packages/node/openapi.yaml)."""

    def __init__(self, url, token):
        self.url = url.rstrip("/")
        self.token = token

    def _request(self, method, path, body=None, accept="application/json"):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.url + path,
            data=data,
            method=method,
            headers={
                "Authorization": "Bearer " + self.token,
                "Content-Type": "application/json",
                "Accept": accept,
            },
        )
        try:
            return urllib.request.urlopen(request, timeout=120)
        except urllib.error.HTTPError as error:
            detail = json.loads(error.read() or b"{}").get("error", {})
            raise SystemExit(
                f"API error {error.code} {detail.get('code')}: {detail.get('message')}"
                + (f"\n  hint: {detail['hint']}" if "hint" in detail else "")
            )

    def get(self, path):
        with self._request("GET", path) as response:
            return json.load(response)

    def post(self, path, body):
        with self._request("POST", path, body) as response:
            return json.load(response)

    def hire(self, skill, text, budget, peer=None):
        """Yields each NDJSON line of a hire: progress objects, then a result or an error."""
        body = {"skill": skill, "text": text, "budget": str(budget)}
        if peer:
            body["peer"] = peer
        with self._request("POST", "/v1/jobs", body, accept="application/x-ndjson") as response:
            for line in response:
                if line.strip():
                    yield json.loads(line)


def connect(data_dir):
    url = os.environ.get("BAZAAR_API_URL")
    token = os.environ.get("BAZAAR_API_TOKEN")
    try:
        if url is None:
            with open(os.path.join(data_dir, "api.json")) as f:
                url = json.load(f)["url"]
        if token is None:
            with open(os.path.join(data_dir, "api.token")) as f:
                token = f.read().strip()
    except FileNotFoundError as error:
        print(f"no running node for {data_dir} ({error.filename} missing): run `bazaar start`", file=sys.stderr)
        sys.exit(4)
    return Api(url, token)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default=os.environ.get("BAZAAR_DATA_DIR", os.path.expanduser("~/.bazaar")))
    parser.add_argument("--skill", default="reverse")
    parser.add_argument("--text", default="hello from python")
    parser.add_argument("--budget", type=int, default=100)
    parser.add_argument("--peer", default=None, help="hire this peer instead of the best candidate")
    args = parser.parse_args()

    api = connect(args.data_dir)
    status = api.get("/v1/status")
    print(f"node {status['peerId']} with {status['peers']} peers, settlement {status['settlement']['kind']}")

    query = urllib.parse.urlencode({"maxPrice": str(args.budget), "timeoutMs": "5000"})
    found = api.get(f"/v1/skills/{urllib.parse.quote(args.skill)}/providers?{query}")
    for c in found["candidates"]:
        print(f"  candidate {c['peer']} price {c['price']} score {c.get('score')}")

    result = None
    for line in api.hire(args.skill, args.text, args.budget, args.peer):
        if line["type"] == "progress":
            print(f"  [{line['stage']}]")
        elif line["type"] == "error":
            raise SystemExit(f"hire failed: {line['error']['code']}: {line['error']['message']}")
        else:
            result = line
    output = base64.b64decode(result["output"]).decode("utf-8", "replace")
    print(f"result: {output!r} (paid {result['price']} to {result['peer']})")

    for ch in api.get("/v1/channels")["channels"]:
        on_chain = ch.get("onChain") or {}
        print(f"  channel {ch['channelId'][:10]} {ch['role']} paid {ch['cumulativePaid']} on-chain {on_chain.get('status')}")
    for p in api.get("/v1/reputation")["peers"]:
        print(f"  reputation {p['peer']} {p['score']:.6f}")
    print("RESULT " + json.dumps({"output": output, "price": result["price"]}))


if __name__ == "__main__":
    main()
