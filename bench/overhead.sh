#!/usr/bin/env bash
# Gateway overhead in one run: wrk against the instant simulator directly, through nginx proxy_pass (upstream
# keep-alive) and through Switchboard; 64 connections and 1 connection; non-streaming and streaming.
#   bench/overhead.sh                       # WARMUP=30s DURATION=10s by default (a fresh JVM needs the warm-up)
#   DURATION=5s WARMUP=5s bench/overhead.sh
#   PROFILE=1 bench/overhead.sh             # also records Switchboard with JFR into bench/results/switchboard.jfr
# Writes bench/results/overhead.json and refreshes the overhead table in docs/benchmarks.md (bench/render.py).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap cleanup EXIT
trap "exit 130" INT TERM
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-30s}"
OUT="${OUT:-$ROOT/bench/results/overhead.json}"
require wrk nginx python3 java
ulimit -n 65536 2>/dev/null || true
build_jar
start_sim
start_nginx "$SIM_PORT"
[ "${PROFILE:-0}" = 1 ] && SB_JAVA_EXTRA="-XX:StartFlightRecording=settings=profile,name=overhead"
start_switchboard "http://127.0.0.1:$SIM_PORT/openai/v1"
echo "simulator :$SIM_PORT  nginx :$NGINX_PORT  switchboard :$SB_PORT" >&2
RUNS="$WORK/runs.jsonl"
: >"$RUNS"
measure "$RUNS" "$WARMUP" "$DURATION" \
  "direct|http://127.0.0.1:$SIM_PORT|/openai/v1/chat/completions" \
  "nginx|http://127.0.0.1:$NGINX_PORT|/openai/v1/chat/completions" \
  "switchboard|http://127.0.0.1:$SB_PORT|/v1/chat/completions"
mkdir -p "$(dirname "$OUT")"
if [ "${PROFILE:-0}" = 1 ]; then
  jcmd "$SB_PID" JFR.dump name=overhead filename="$ROOT/bench/results/switchboard.jfr" >/dev/null
  echo "JFR recording: bench/results/switchboard.jfr (jfr print --events jdk.ExecutionSample ...)" >&2
fi
python3 "$ROOT/bench/render.py" collect --kind overhead --runs "$RUNS" --machine "$(machine_json)" \
  --command "DURATION=$DURATION WARMUP=$WARMUP bench/overhead.sh" --out "$OUT"
python3 "$ROOT/bench/render.py" render "$OUT" --doc "$ROOT/docs/benchmarks.md"
