-- Replaces reservations by the real cost.
-- KEYS: per budget its hash and its sorted set of leases. ARGV: actual cost, then per budget its lease member.
-- A lease that already expired was released then: only the real cost is added.
-- Returns the settled spend of each budget after the update.
local actual = tonumber(ARGV[1])
local result = {}
for i = 1, #KEYS / 2 do
  local hash, leases = KEYS[2 * i - 1], KEYS[2 * i]
  local member = ARGV[1 + i]
  if redis.call('ZREM', leases, member) == 1 then
    local amount = tonumber(string.match(member, ':(%d+)$'))
    if redis.call('HINCRBY', hash, 'r', -amount) < 0 then
      redis.call('HSET', hash, 'r', 0)
    end
  end
  result[i] = redis.call('HINCRBY', hash, 's', actual)
end
return result
