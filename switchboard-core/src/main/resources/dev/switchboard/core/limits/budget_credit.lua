-- Adds spend that was settled locally while Redis was unreachable.
-- KEYS[1]: the budget hash. ARGV: amount, time to live in ms (0 = never expires). Returns the settled spend.
local after = redis.call('HINCRBY', KEYS[1], 's', tonumber(ARGV[1]))
local ttl = tonumber(ARGV[2])
if ttl > 0 and redis.call('PTTL', KEYS[1]) < 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
end
return after
