-- Reserves an estimated cost against several budgets atomically; each reservation holds a lease.
-- KEYS: per budget period two keys: its hash {s = settled, r = reserved, n = lease counter} and its sorted set of
--       leases (member "id:amount", score = expiry in ms).
-- ARGV: estimate, now (ms), lease (ms), then per budget: hard limit, time to live in ms (0 = never expires).
-- Expired leases (a crashed node's reservations, lost settlements) are released before the check.
-- Returns {1, lease 1, committed 1, lease 2, committed 2, ...} (committed includes this reservation)
-- or {0, index of the refusing budget, its spent + reserved}.
local estimate = tonumber(ARGV[1])
local now = tonumber(ARGV[2])
local lease = tonumber(ARGV[3])
local budgets = #KEYS / 2
local committed = {}
for i = 1, budgets do
  local hash, leases = KEYS[2 * i - 1], KEYS[2 * i]
  local expired = redis.call('ZRANGEBYSCORE', leases, '-inf', now)
  if #expired > 0 then
    local released = 0
    for _, member in ipairs(expired) do
      released = released + tonumber(string.match(member, ':(%d+)$'))
    end
    redis.call('ZREMRANGEBYSCORE', leases, '-inf', now)
    if redis.call('HINCRBY', hash, 'r', -released) < 0 then
      redis.call('HSET', hash, 'r', 0)
    end
  end
  local state = redis.call('HMGET', hash, 's', 'r')
  committed[i] = (tonumber(state[1]) or 0) + (tonumber(state[2]) or 0)
  if committed[i] + estimate > tonumber(ARGV[3 + (i - 1) * 2 + 1]) then
    return {0, i, committed[i]}
  end
end
local result = {1}
for i = 1, budgets do
  local hash, leases = KEYS[2 * i - 1], KEYS[2 * i]
  local member = redis.call('HINCRBY', hash, 'n', 1) .. ':' .. estimate
  redis.call('HINCRBY', hash, 'r', estimate)
  redis.call('ZADD', leases, now + lease, member)
  local ttl = tonumber(ARGV[3 + (i - 1) * 2 + 2])
  if ttl > 0 then
    redis.call('PEXPIRE', hash, ttl)
    redis.call('PEXPIRE', leases, ttl)
  end
  result[#result + 1] = member
  result[#result + 1] = committed[i] + estimate
end
return result
