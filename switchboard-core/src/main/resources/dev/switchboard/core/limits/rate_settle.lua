-- Ends an admitted request: corrects the token charge and frees the concurrency slot.
-- KEYS: as for rate_admit.lua. ARGV: now_ms, scope_count, estimated_tokens, actual_tokens, then per scope:
-- rpm, tpm, max_concurrent.
local now = tonumber(ARGV[1])
local n = tonumber(ARGV[2])
local estimated = tonumber(ARGV[3])
local actual = tonumber(ARGV[4])
for i = 1, n do
  local tpm = tonumber(ARGV[4 + (i - 1) * 3 + 2])
  local conc = tonumber(ARGV[4 + (i - 1) * 3 + 3])
  local base = (i - 1) * 3
  if tpm > 0 then
    local key = KEYS[base + 2]
    local state = redis.call('HMGET', key, 'l', 't')
    local l = tonumber(state[1]) or tpm
    local t = tonumber(state[2]) or now
    if now > t then
      l = math.min(tpm, l + (now - t) * tpm / 60000)
    end
    l = math.min(tpm, l + math.min(estimated, tpm) - actual)
    redis.call('HSET', key, 'l', tostring(l), 't', tostring(math.max(now, t)))
    redis.call('PEXPIRE', key, 120000)
  end
  if conc > 0 then
    local left = redis.call('DECR', KEYS[base + 3])
    if left < 0 then
      redis.call('SET', KEYS[base + 3], '0', 'EX', 900)
    end
  end
end
return 1
