/**
 * Lua scripts of the Redis store. Each runs atomically on the server, which is what makes
 * create-if-absent, compare-and-set on `version`, compare-and-delete of a lock and purging safe
 * with several replicas. Hash fields: c client id, t sealed token, v version, a authorized at,
 * x expires at, r sealed last result, rx until when it may be reused.
 */

/** KEYS: entry, index. ARGV: key, client, token, version, authorizedAt, expiresAt, ttlMs, result, resultExpiresAt. */
export const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'c', ARGV[2], 't', ARGV[3], 'v', ARGV[4], 'a', ARGV[5], 'x', ARGV[6])
if ARGV[8] ~= '' then redis.call('HSET', KEYS[1], 'r', ARGV[8], 'rx', ARGV[9]) end
redis.call('PEXPIRE', KEYS[1], ARGV[7])
redis.call('ZADD', KEYS[2], ARGV[6], ARGV[1])
return 1`;

/** KEYS: entry. ARGV: token, result ('' clears), resultExpiresAt, expected version ('' = any). */
export const REPLACE = `
local v = redis.call('HGET', KEYS[1], 'v')
if not v then return 0 end
if ARGV[4] ~= '' and v ~= ARGV[4] then return 0 end
redis.call('HSET', KEYS[1], 't', ARGV[1])
if ARGV[2] ~= '' then
  redis.call('HSET', KEYS[1], 'r', ARGV[2], 'rx', ARGV[3])
else
  redis.call('HDEL', KEYS[1], 'r', 'rx')
end
redis.call('HINCRBY', KEYS[1], 'v', 1)
return 1`;

/** KEYS: entry, lock, index. ARGV: key. Returns 1 if the entry existed. */
export const DELETE = `
local n = redis.call('DEL', KEYS[1])
redis.call('DEL', KEYS[2])
redis.call('ZREM', KEYS[3], ARGV[1])
return n`;

/** KEYS: lock. ARGV: token. Deletes the lock only if this token still owns it. */
export const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * KEYS: index. ARGV: now, entry key prefix, lock key prefix, batch size. Returns
 * { entries deleted, index members visited } so the caller loops until a batch comes back short.
 * (Key names are built in the script: fine on one Redis or a replicated primary, not in Cluster.)
 */
export const PURGE = `
local keys = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[4]))
local n = 0
for _, k in ipairs(keys) do
  n = n + redis.call('DEL', ARGV[2] .. k)
  redis.call('DEL', ARGV[3] .. k)
  redis.call('ZREM', KEYS[1], k)
end
return { n, #keys }`;
