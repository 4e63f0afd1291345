#!/usr/bin/env bash
# Gateway overhead in one run: wrk against the instant simulator directly, through nginx proxy_pass (upstream
# keep-alive) and through Switchboard; 64 connections and 1 connection; non-streaming and streaming.
#   bench/overhead.sh                       # WARMUP=30s DURATION=10s by default (a fresh JVM needs the warm-up)
#   DURATION=5s WARMUP=5s bench/overhead.sh
#   PROFILE=1 bench/overhead.sh             # also records Switchboard with JFR into bench/results/switchboard.jfr
#   RECORDING_OFF=0 bench/overhead.sh       # skip the second gateway that runs with observability.enabled: false
# Two gateways run side by side: "switchboard" (defaults: request log in SQLite, metrics, cost) and
# "switchboard-unrecorded" (observability off), so the cost of recording is measured in the same run, as req/s,
# latency and CPU time per request (the gateway process's user + system time divided by its requests).
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
TARGET_PIDS[switchboard]=$SB_PID
TARGET_PIDS[nginx]=$NGINX_PID
RECORDED_PID=$SB_PID
RECORDED_PORT=$SB_PORT
TARGETS=("direct|http://127.0.0.1:$SIM_PORT|/openai/v1/chat/completions"
  "nginx|http://127.0.0.1:$NGINX_PORT|/openai/v1/chat/completions"
  "switchboard|http://127.0.0.1:$RECORDED_PORT|/v1/chat/completions")
if [ "${RECORDING_OFF:-1}" = 1 ]; then
  SB_JAVA_EXTRA="" start_switchboard "http://127.0.0.1:$SIM_PORT/openai/v1" switchboard-unrecorded \
    "observability: {enabled: false}"
  TARGET_PIDS[switchboard-unrecorded]=$SB_PID
  TARGETS+=("switchboard-unrecorded|http://127.0.0.1:$SB_PORT|/v1/chat/completions")
fi
SB_PID=$RECORDED_PID
echo "simulator :$SIM_PORT  nginx :$NGINX_PORT  switchboard :$RECORDED_PORT" >&2
RUNS="$WORK/runs.jsonl"
: >"$RUNS"
measure "$RUNS" "$WARMUP" "$DURATION" "${TARGETS[@]}"
mkdir -p "$(dirname "$OUT")"
if [ "${PROFILE:-0}" = 1 ]; then
  jcmd "$SB_PID" JFR.dump name=overhead filename="$ROOT/bench/results/switchboard.jfr" >/dev/null
  echo "JFR recording: bench/results/switchboard.jfr (jfr print --events jdk.ExecutionSample ...)" >&2
fi
python3 "$ROOT/bench/render.py" collect --kind overhead --runs "$RUNS" --machine "$(machine_json)" \
  --command "DURATION=$DURATION WARMUP=$WARMUP bench/overhead.sh" --out "$OUT"
python3 "$ROOT/bench/render.py" render "$OUT" --doc "$ROOT/docs/benchmarks.md"
