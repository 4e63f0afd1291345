# Shared helpers for the load scripts (sourced, not run). Everything binds 127.0.0.1; every process started here
# is recorded and stopped by its PID on exit.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/switchboard-app/target/switchboard.jar"
JAVA_OPTS="${BENCH_JAVA_OPTS:--XX:+UseParallelGC -Xss512k -Xms512m -Xmx512m}"
STARTED_PIDS=()
WORK="$(mktemp -d /tmp/switchboard-bench.XXXXXX)"
chmod 755 "$WORK"

stop_started() {
  local pid
  for pid in "${STARTED_PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED_PIDS[@]:-}"; do
    [ -n "$pid" ] || continue
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  STARTED_PIDS=()
}

cleanup() {
  stop_started
  [ "${BENCH_KEEP_WORK:-0}" = 1 ] || rm -rf "$WORK"
}

require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench: '$tool' is required (apt-get install wrk nginx-light)" >&2; exit 2; }
  done
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wait_for_line FILE REGEX SECONDS: prints the first match of REGEX in FILE once it appears.
wait_for_line() {
  local file="$1" regex="$2" seconds="$3" i
  for i in $(seq 1 $((seconds * 10))); do
    local found
    found="$(grep -Eo -m1 "$regex" "$file" 2>/dev/null || true)"
    if [ -n "$found" ]; then echo "$found" | head -n1; return 0; fi
    sleep 0.1
  done
  echo "bench: timed out waiting for /$regex/ in $file:" >&2
  tail -20 "$file" >&2
  return 1
}

build_jar() {
  "$ROOT/switchboard" --version >/dev/null
}

# start_sim: instant simulated providers; sets SIM_PORT.
start_sim() {
  java $JAVA_OPTS -jar "$JAR" sim --port 0 --latency-scale 0 >"$WORK/sim.log" 2>&1 &
  STARTED_PIDS+=($!)
  SIM_PORT="$(wait_for_line "$WORK/sim.log" 'http://127\.0\.0\.1:[0-9]+' 60 | sed 's/.*://')"
}

# start_switchboard UPSTREAM_BASE_URL [NAME] [EXTRA_YAML]: the gateway with cache off, one model gpt-4o, its
# request log in a data directory of its own; sets SB_PORT and SB_PID. EXTRA_YAML is appended to the config
# (for example "observability: {enabled: false}").
start_switchboard() {
  local name="${2:-switchboard}"
  mkdir -p "$WORK/$name-data"
  cat >"$WORK/$name.yaml" <<YAML
server:
  host: 127.0.0.1
  port: 0
  shutdown_grace_ms: 1000
  timeouts:
    connect_ms: 2000
    first_byte_ms: 10000
    total_ms: 30000
    stream_idle_ms: 10000
providers:
  - name: openai
    type: openai
    base_url: $1
    api_key: sk-sim-bench
models:
  - name: gpt-4o
    deployments:
      - provider: openai
        model: gpt-4o
cache:
  enabled: false
auth:
  keys:
    - key: sk-bench-client-0001
      name: bench
store:
  data_dir: $WORK/$name-data
${3:-}
YAML
  java $JAVA_OPTS ${SB_JAVA_EXTRA:-} -jar "$JAR" serve --config "$WORK/$name.yaml" >"$WORK/$name.log" 2>&1 &
  SB_PID=$!
  STARTED_PIDS+=($SB_PID)
  SB_PORT="$(wait_for_line "$WORK/$name.log" 'listening on http://127\.0\.0\.1:[0-9]+' 60 | sed 's/.*://')"
}

# start_nginx UPSTREAM_PORT: proxy_pass with upstream keep-alive, unbuffered; sets NGINX_PORT.
start_nginx() {
  NGINX_PORT="$(free_port)"
  mkdir -p "$WORK/nginx"
  cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes auto;
daemon off;
error_log $WORK/nginx/error.log warn;
pid $WORK/nginx/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  keepalive_requests 1000000;
  upstream sim {
    server 127.0.0.1:$1;
    keepalive 256;
    keepalive_requests 1000000;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://sim;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
    }
  }
}
CONF
  nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" >"$WORK/nginx/stdout.log" 2>&1 &
  NGINX_PID=$!
  STARTED_PIDS+=($NGINX_PID)
  local i
  for i in $(seq 1 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$NGINX_PORT") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "bench: nginx did not start:" >&2; cat "$WORK/nginx/error.log" "$WORK/nginx/stdout.log" >&2; return 1
}

# run_wrk URL PATH STREAM CONNECTIONS DURATION [HEADERS]: prints wrk's RESULT JSON.
run_wrk() {
  local url="$1" path="$2" stream="$3" connections="$4" duration="$5" headers="${6:-}" threads=2
  [ "$connections" -lt 2 ] && threads=1
  BENCH_HEADERS="$headers" BENCH_PATH="$path" BENCH_STREAM="$stream" wrk -t"$threads" -c"$connections" -d"$duration" --timeout 10s \
    -s "$ROOT/bench/wrk/chat.lua" "$url" 2>&1 | sed -n 's/^RESULT //p'
}

machine_json() {
  python3 - <<'PY'
import json, os, platform, subprocess
cpu = "unknown"
try:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip(); break
except OSError:
    pass
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
load = open("/proc/loadavg").read().split()[:3] if os.path.exists("/proc/loadavg") else []
print(json.dumps({"host_cpus": os.cpu_count(), "cpu": cpu, "kernel": platform.release(),
                  "java": java[0] if java else "unknown", "load_average_at_start": " ".join(load)}))
PY
}

# TARGET_PIDS[name]=PID: processes whose CPU time (user + system, all threads) measure() records per run.
declare -A TARGET_PIDS=()

# process_cpu_ticks PID: user + system CPU time so far of a process and its direct children (nginx's workers), in
# clock ticks.
process_cpu_ticks() {
  local pid total=0
  for pid in "$1" $(pgrep -P "$1" 2>/dev/null || true); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

# measure RESULTS_FILE WARMUP DURATION TARGET...: TARGET is name|base-url|path[|extra headers]. Warms every target up, then for
# non-streaming and streaming, at 64 connections and at 1, measures each target in turn (so the targets share
# the same conditions) and appends one JSON object per run to RESULTS_FILE (JSON lines).
measure() {
  local results="$1" warmup="$2" duration="$3"; shift 3
  local target name url path headers stream connections line
  for target in "$@"; do
    IFS='|' read -r name url path headers <<<"$target"
    echo "  warm-up $name ($warmup non-streaming + $warmup streaming, 64 connections)" >&2
    run_wrk "$url" "$path" 0 64 "$warmup" "$headers" >/dev/null
    run_wrk "$url" "$path" 1 64 "$warmup" "$headers" >/dev/null
  done
  for stream in 0 1; do
    for connections in 64 1; do
      for target in "$@"; do
        IFS='|' read -r name url path headers <<<"$target"
        local pid="${TARGET_PIDS[$name]:-}" cpu_before=0 cpu=null
        [ -n "$pid" ] && cpu_before="$(process_cpu_ticks "$pid")"
        line="$(run_wrk "$url" "$path" "$stream" "$connections" "$duration" "$headers")"
        [ -n "$pid" ] && cpu="$(( $(process_cpu_ticks "$pid") - cpu_before ))"
        [ -n "$line" ] || line='{"requests":0,"duration_us":1,"failed":true}'
        echo "{\"target\":\"$name\",\"stream\":$([ "$stream" = 1 ] && echo true || echo false),\"connections\":$connections,\"cpu_ticks\":$cpu,\"ticks_per_second\":$(getconf CLK_TCK),\"wrk\":$line}" >>"$results"
        python3 -c 'import json,sys; r=json.loads(sys.argv[1]); w=r["wrk"]; cpu="" if r.get("cpu_ticks") is None else "  cpu %5.1f us/req" % (r["cpu_ticks"]*1e6/r["ticks_per_second"]/max(1,w["requests"])); print("  %-22s %-6s c=%-3d %9.0f req/s  p50 %7d us  p99 %7d us  errors %d%s" % (r["target"], "stream" if r["stream"] else "plain", r["connections"], w["requests"]*1e6/max(1,w["duration_us"]), w.get("p50_us",0), w.get("p99_us",0), sum(v for k,v in w.items() if k.startswith("errors_")), cpu))' "$(tail -1 "$results")" >&2
      done
    done
  done
}
