-- Reserves an estimated cost against several budgets atomically.
-- KEYS: one hash per budget period {s = settled micro-dollars, r = reserved micro-dollars}.
-- ARGV: estimate, then per key: hard limit, time to live in ms (0 = never expires).
-- Returns {1} or {0, index of the refusing budget, its spent + reserved}.
local estimate = tonumber(ARGV[1])
for i = 1, #KEYS do
  local state = redis.call('HMGET', KEYS[i], 's', 'r')
  local committed = (tonumber(state[1]) or 0) + (tonumber(state[2]) or 0)
  if committed + estimate > tonumber(ARGV[1 + (i - 1) * 2 + 1]) then
    return {0, i, committed}
  end
end
for i = 1, #KEYS do
  redis.call('HINCRBY', KEYS[i], 'r', estimate)
  local ttl = tonumber(ARGV[1 + (i - 1) * 2 + 2])
  if ttl > 0 then
    redis.call('PEXPIRE', KEYS[i], ttl)
  end
end
return {1}
