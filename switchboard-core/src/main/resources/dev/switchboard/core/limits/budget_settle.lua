-- Replaces a reservation by the real cost. KEYS: the reserved budget hashes. ARGV: estimate, actual.
-- Returns the settled spend of each key after the update.
local estimate = tonumber(ARGV[1])
local actual = tonumber(ARGV[2])
local result = {}
for i = 1, #KEYS do
  local reserved = redis.call('HINCRBY', KEYS[i], 'r', -estimate)
  if reserved < 0 then
    redis.call('HSET', KEYS[i], 'r', 0)
  end
  result[i] = redis.call('HINCRBY', KEYS[i], 's', actual)
end
return result
