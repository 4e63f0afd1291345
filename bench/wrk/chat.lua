-- wrk script: POSTs a ~150-byte OpenAI chat body (BENCH_STREAM=1 adds "stream":true) to BENCH_PATH and prints one
-- RESULT line of JSON (requests, duration, errors, latency percentiles in microseconds) when done.
local stream = os.getenv("BENCH_STREAM") == "1"
local key = os.getenv("BENCH_KEY") or "sk-bench-client-0001"
wrk.method = "POST"
wrk.path = os.getenv("BENCH_PATH") or "/v1/chat/completions"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. key
-- BENCH_HEADERS: extra headers as "name: value;;name: value"
local extra = os.getenv("BENCH_HEADERS")
if extra then
  for pair in string.gmatch(extra, "([^;]+)") do
    local name, value = string.match(pair, "^%s*([^:]+):%s*(.-)%s*$")
    if name then
      wrk.headers[name] = value
    end
  end
end
local options = stream and '"stream":true,' or ''
wrk.body = '{"model":"gpt-4o",' .. options .. '"messages":[{"role":"user","content":'
  .. '"How can I improve my time management skills at work?"}],"temperature":0.7,"max_tokens":256}'

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"errors_connect":%d,'
    .. '"errors_read":%d,"errors_write":%d,"errors_timeout":%d,"errors_status":%d,"p50_us":%d,"p90_us":%d,'
    .. '"p99_us":%d,"mean_us":%.1f,"max_us":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean, latency.max))
end
