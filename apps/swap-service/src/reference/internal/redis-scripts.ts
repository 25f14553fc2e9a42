/**
 * Lua scripts of the Redis store. Each runs atomically on the server, which is what makes
 * create-if-absent, compare-and-set on `version`, compare-and-delete of a lock and deleting safe
 * with several replicas. Every key a script touches is passed in KEYS (none is built in Lua) and
 * all of them carry the handle's hash tag, so each script touches one Redis Cluster slot.
 * Hash fields: c client id, t sealed token, v version, a authorized at, x expires at,
 * r sealed last result, rx until when it may be reused.
 */

/** KEYS: entry. ARGV: client, token, version, authorizedAt, expiresAt, ttlMs, result, resultExpiresAt. */
export const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'c', ARGV[1], 't', ARGV[2], 'v', ARGV[3], 'a', ARGV[4], 'x', ARGV[5])
if ARGV[7] ~= '' then redis.call('HSET', KEYS[1], 'r', ARGV[7], 'rx', ARGV[8]) end
redis.call('PEXPIRE', KEYS[1], ARGV[6])
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

/**
 * KEYS: entry, lock. ARGV: expected version ('' = any). Deletes the entry and its lock; with a
 * version, only while the entry is still at it. Returns 1 if the entry was deleted.
 */
export const DELETE = `
if ARGV[1] ~= '' then
  local v = redis.call('HGET', KEYS[1], 'v')
  if v ~= ARGV[1] then return 0 end
end
local n = redis.call('DEL', KEYS[1])
redis.call('DEL', KEYS[2])
return n`;

/** KEYS: lock. ARGV: token. Deletes the lock only if this token still owns it. */
export const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;
