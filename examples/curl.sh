#!/usr/bin/env bash
# Drive a running Bazaar node with curl through its local control API.
#
#   examples/curl.sh [data-dir] [skill] [text] [budget]
#
# Reads the URL from <data-dir>/api.json and the bearer token from <data-dir>/api.token (both
# written by `bazaar start`). Prints status, the workers selling the skill, a hire with its
# NDJSON progress, the channels and the metrics line counting hires.
set -euo pipefail

DATA_DIR="${1:-${BAZAAR_DATA_DIR:-$HOME/.bazaar}}"
SKILL="${2:-reverse}"
TEXT="${3:-hello from curl}"
BUDGET="${4:-100}"

if [[ ! -f "$DATA_DIR/api.json" ]]; then
  echo "no running node for $DATA_DIR: run \`bazaar start\`" >&2
  exit 4
fi
# api.json is one line: {"url":"http://127.0.0.1:7447","pid":...,"peerId":"..."}
URL="${BAZAAR_API_URL:-$(sed -E 's/.*"url":"([^"]+)".*/\1/' "$DATA_DIR/api.json")}"
TOKEN="${BAZAAR_API_TOKEN:-$(cat "$DATA_DIR/api.token")}"
AUTH=(-H "Authorization: Bearer $TOKEN")

echo "== status"
curl -fsS "${AUTH[@]}" "$URL/v1/status"
echo
echo "== who sells $SKILL"
curl -fsS "${AUTH[@]}" "$URL/v1/skills/$SKILL/providers?maxPrice=$BUDGET&timeoutMs=5000"
echo
echo "== hire (NDJSON progress, then the result; output is base64)"
# The text is sent as a JSON string: escape backslashes and quotes.
ESCAPED=$(printf '%s' "$TEXT" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')
curl -fsS -N "${AUTH[@]}" -H 'Content-Type: application/json' -H 'Accept: application/x-ndjson' \
  -d "{\"skill\":\"$SKILL\",\"text\":\"$ESCAPED\",\"budget\":\"$BUDGET\"}" "$URL/v1/jobs"
echo "== channels"
curl -fsS "${AUTH[@]}" "$URL/v1/channels"
echo
echo "== metrics"
curl -fsS "${AUTH[@]}" "$URL/metrics" | grep '^bazaar_jobs_hired_total' || true
