-- Admits one request against several scopes atomically.
-- KEYS: per scope three keys: request bucket, token bucket, concurrency counter.
-- ARGV: now_ms, scope_count, estimated_tokens, then per scope: rpm, tpm, max_concurrent (0 = no limit).
-- Buckets are hashes {l = level, t = last refill ms}; each holds up to its limit and refills that much a minute.
-- Returns {1, req_limit, req_left, tok_limit, tok_left} or {0, wait_ms, scope_index, kind}.
local now = tonumber(ARGV[1])
local n = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])

local function level(key, cap)
  local state = redis.call('HMGET', key, 'l', 't')
  local l = tonumber(state[1])
  local t = tonumber(state[2])
  if l == nil then
    return cap
  end
  if now > t then
    l = math.min(cap, l + (now - t) * cap / 60000)
  end
  return l
end

local levels = {}
local best = {-1, -1, -1, -1}
for i = 1, n do
  local rpm = tonumber(ARGV[3 + (i - 1) * 3 + 1])
  local tpm = tonumber(ARGV[3 + (i - 1) * 3 + 2])
  local conc = tonumber(ARGV[3 + (i - 1) * 3 + 3])
  local base = (i - 1) * 3
  if conc > 0 then
    local inflight = tonumber(redis.call('GET', KEYS[base + 3]) or '0')
    if inflight >= conc then
      return {0, 1000, i, 'concurrency'}
    end
  end
  if rpm > 0 then
    local l = level(KEYS[base + 1], rpm)
    if l < 1 then
      return {0, math.ceil((1 - l) * 60000 / rpm), i, 'requests'}
    end
    levels[base + 1] = l - 1
    if best[2] < 0 or l - 1 < best[2] then
      best[1] = rpm
      best[2] = math.floor(l - 1)
    end
  end
  if tpm > 0 then
    local need = math.min(cost, tpm)
    local l = level(KEYS[base + 2], tpm)
    if l < need then
      return {0, math.ceil((need - l) * 60000 / tpm), i, 'tokens'}
    end
    levels[base + 2] = l - need
    if best[4] < 0 or l - need < best[4] then
      best[3] = tpm
      best[4] = math.floor(l - need)
    end
  end
end
for i = 1, n do
  local base = (i - 1) * 3
  for j = 1, 2 do
    if levels[base + j] ~= nil then
      redis.call('HSET', KEYS[base + j], 'l', tostring(levels[base + j]), 't', tostring(now))
      redis.call('PEXPIRE', KEYS[base + j], 120000)
    end
  end
  if tonumber(ARGV[3 + (i - 1) * 3 + 3]) > 0 then
    redis.call('INCR', KEYS[base + 3])
    redis.call('EXPIRE', KEYS[base + 3], 900)
  end
end
return {1, best[1], best[2], best[3], best[4]}
