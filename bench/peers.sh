#!/usr/bin/env bash
# Peer comparison in one bounded run: wrk at 64 connections and at 1, non-streaming and streaming, against the
# instant simulator directly, nginx proxy_pass (upstream keep-alive), Switchboard and the Portkey open-source
# gateway (@portkey-ai/gateway from npm, installed into a temporary folder).
#   bench/peers.sh                         # WARMUP=10s DURATION=10s
#   PORTKEY_VERSION=1.15.2 bench/peers.sh
# Peer configuration (kept equal where it matters):
#   - every target proxies to the same simulator process on 127.0.0.1, same 147-byte chat body, same wrk script;
#   - nginx: worker_processes auto, upstream keepalive 256, proxy_http_version 1.1, proxy_buffering off;
#   - Switchboard: `switchboard serve` with cache off, one provider, one model, default event loops (= CPUs);
#   - Portkey: `node build/start-server.js --headless --port=N`, provider via x-portkey-provider: openai and
#     x-portkey-custom-host; bench/peers/loopback-only.js forces 127.0.0.1 and re-wraps fetch responses so that
#     its streaming path works (see docs/benchmarks.md).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap cleanup EXIT
trap "exit 130" INT TERM
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-10s}"
PORTKEY_VERSION="${PORTKEY_VERSION:-latest}"
OUT="${OUT:-$ROOT/bench/results/peers.json}"
require wrk nginx node npm python3 java
ulimit -n 65536 2>/dev/null || true
build_jar
mkdir -p "$WORK/portkey"
echo "installing @portkey-ai/gateway@$PORTKEY_VERSION into $WORK/portkey" >&2
(cd "$WORK/portkey" && npm install --silent --no-audit --no-fund "@portkey-ai/gateway@$PORTKEY_VERSION" >&2)
PORTKEY_DIR="$WORK/portkey/node_modules/@portkey-ai/gateway"
PORTKEY_INSTALLED="$(node -p "require('$PORTKEY_DIR/package.json').version")"
start_sim
start_nginx "$SIM_PORT"
start_switchboard "http://127.0.0.1:$SIM_PORT/openai/v1"
PORTKEY_PORT="$(free_port)"
(cd "$PORTKEY_DIR" && exec node --require "$ROOT/bench/peers/loopback-only.js" build/start-server.js --headless \
  --port="$PORTKEY_PORT") >"$WORK/portkey.log" 2>&1 &
STARTED_PIDS+=($!)
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$PORTKEY_PORT") 2>/dev/null && break; sleep 0.2; done
if ss -ltn | grep -q ":$PORTKEY_PORT " && ! ss -ltn | grep ":$PORTKEY_PORT " | grep -q '127.0.0.1'; then
  echo "bench: Portkey is not bound to 127.0.0.1 only; stopping" >&2; exit 1
fi
echo "simulator :$SIM_PORT  nginx :$NGINX_PORT  switchboard :$SB_PORT  portkey $PORTKEY_INSTALLED :$PORTKEY_PORT" >&2
RUNS="$WORK/runs.jsonl"
: >"$RUNS"
measure "$RUNS" "$WARMUP" "$DURATION" \
  "direct|http://127.0.0.1:$SIM_PORT|/openai/v1/chat/completions" \
  "nginx|http://127.0.0.1:$NGINX_PORT|/openai/v1/chat/completions" \
  "switchboard|http://127.0.0.1:$SB_PORT|/v1/chat/completions" \
  "portkey|http://127.0.0.1:$PORTKEY_PORT|/v1/chat/completions|x-portkey-provider: openai;;x-portkey-custom-host: http://127.0.0.1:$SIM_PORT/openai/v1"
mkdir -p "$(dirname "$OUT")"
python3 "$ROOT/bench/render.py" collect --kind peers --runs "$RUNS" --machine "$(machine_json)" \
  --command "DURATION=$DURATION WARMUP=$WARMUP bench/peers.sh" --out "$OUT" \
  --peers "{\"nginx\":\"$(nginx -v 2>&1 | sed 's/.*\///')\",\"portkey\":\"$PORTKEY_INSTALLED ($(node --version))\"}"
python3 "$ROOT/bench/render.py" render "$OUT" --doc "$ROOT/docs/benchmarks.md"
