#!/usr/bin/env bash
# CPU spent by the proxy per request: nginx proxy_pass against Switchboard, both in front of the same instant
# simulator, read from /proc (user + system time of the proxy's processes) around one wrk run each. Unlike
# throughput and latency, CPU per request hardly moves when other programs share the machine, so it is the figure
# to compare between runs on a busy host.
#   bench/cpu.sh                         # WARMUP=20s DURATION=15s CONNECTIONS=16
# Prints a table and writes bench/results/cpu.json.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap cleanup EXIT
trap "exit 130" INT TERM
DURATION="${DURATION:-15s}"
WARMUP="${WARMUP:-20s}"
CONNECTIONS="${CONNECTIONS:-16}"
OUT="${OUT:-$ROOT/bench/results/cpu.json}"
require wrk nginx python3 java
ulimit -n 65536 2>/dev/null || true
build_jar
start_sim
start_nginx "$SIM_PORT"
NGINX_MASTER="${STARTED_PIDS[-1]}"
start_switchboard "http://127.0.0.1:$SIM_PORT/openai/v1"
TICKS="$(getconf CLK_TCK)"

# cpu_ticks PID...: user + system clock ticks of the processes and their direct children.
cpu_ticks() {
  local pid all=() total=0
  for pid in "$@"; do
    all+=("$pid")
    all+=($(pgrep -P "$pid" 2>/dev/null || true))
  done
  for pid in "${all[@]}"; do
    [ -r "/proc/$pid/stat" ] || continue
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}

RUNS="$WORK/cpu.jsonl"
: >"$RUNS"
for target in "nginx|http://127.0.0.1:$NGINX_PORT|/openai/v1/chat/completions|$NGINX_MASTER" \
              "switchboard|http://127.0.0.1:$SB_PORT|/v1/chat/completions|$SB_PID"; do
  IFS='|' read -r name url path pid <<<"$target"
  echo "  warm-up $name ($WARMUP plain + $WARMUP stream)" >&2
  run_wrk "$url" "$path" 0 64 "$WARMUP" >/dev/null
  run_wrk "$url" "$path" 1 64 "$WARMUP" >/dev/null
  for stream in 0 1; do
    before="$(cpu_ticks "$pid")"
    line="$(run_wrk "$url" "$path" "$stream" "$CONNECTIONS" "$DURATION")"
    after="$(cpu_ticks "$pid")"
    echo "{\"target\":\"$name\",\"stream\":$([ "$stream" = 1 ] && echo true || echo false),\"cpu_ticks\":$((after - before)),\"ticks_per_second\":$TICKS,\"wrk\":$line}" >>"$RUNS"
  done
done

python3 - "$RUNS" "$OUT" "$(machine_json)" "DURATION=$DURATION WARMUP=$WARMUP CONNECTIONS=$CONNECTIONS bench/cpu.sh" <<'PY'
import json, sys, datetime
runs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
rows = []
for r in runs:
    w = r["wrk"]
    requests = max(1, w["requests"])
    cpu_us = r["cpu_ticks"] * 1e6 / r["ticks_per_second"] / requests
    rows.append({"target": r["target"], "stream": r["stream"], "requests": w["requests"],
                 "req_per_s": w["requests"] * 1e6 / max(1, w["duration_us"]), "cpu_us_per_request": cpu_us,
                 "p50_us": w["p50_us"], "p99_us": w["p99_us"],
                 "errors": sum(v for k, v in w.items() if k.startswith("errors_"))})
result = {"date": datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC"), "machine": json.loads(sys.argv[3]),
          "command": sys.argv[4], "runs": rows}
json.dump(result, open(sys.argv[2], "w"), indent=2)
print("| proxy | mode | CPU per request | vs nginx | req/s | p50 / p99 | errors |")
print("|---|---|---|---|---|---|---|")
nginx = {r["stream"]: r["cpu_us_per_request"] for r in rows if r["target"] == "nginx"}
for r in rows:
    ratio = r["cpu_us_per_request"] / nginx[r["stream"]] if nginx.get(r["stream"]) else float("nan")
    print("| %s | %s | %.0f µs | %.1f× | %s | %d µs / %d µs | %d |" % (
        r["target"], "stream" if r["stream"] else "plain", r["cpu_us_per_request"], ratio,
        format(int(r["req_per_s"]), ","), r["p50_us"], r["p99_us"], r["errors"]))
PY
