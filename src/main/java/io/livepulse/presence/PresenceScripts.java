package io.livepulse.presence;

/**
 * The Lua scripts of {@link SharedPresence}. Each takes the keys of one stream, in this order: seen
 * (viewer -> last seen), joined (viewer -> joined at), everJoined, peak, addressOf, perAddress, seeded,
 * ended.
 */
final class PresenceScripts {

	static final String HEARTBEAT = """
			if redis.call('EXISTS', KEYS[8]) == 1 then return -2 end
			if redis.call('EXISTS', KEYS[7]) == 0 then return -1 end
			if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
			  redis.call('ZADD', KEYS[1], 'GT', ARGV[3], ARGV[1])
			  return 0
			end
			local count = tonumber(redis.call('HGET', KEYS[6], ARGV[2]) or '0')
			if count >= tonumber(ARGV[4]) then return 3 end
			redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
			redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
			redis.call('HSET', KEYS[5], ARGV[1], ARGV[2])
			redis.call('HINCRBY', KEYS[6], ARGV[2], 1)
			local first = redis.call('SADD', KEYS[3], ARGV[1])
			local viewers = redis.call('ZCARD', KEYS[1])
			if viewers > tonumber(redis.call('GET', KEYS[4]) or '0') then redis.call('SET', KEYS[4], viewers) end
			if first == 1 then return 2 end
			return 1
			""";

	/** ARGV[1] the last-seen cutoff ('+inf': everyone), ARGV[2] one viewer only (or ''). Returns id, joined, last seen... */
	static final String CLOSE = """
			local gone
			if ARGV[2] ~= '' then
			  if redis.call('ZSCORE', KEYS[1], ARGV[2]) then gone = { ARGV[2] } else gone = {} end
			else
			  gone = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
			end
			local closed = {}
			for _, viewer in ipairs(gone) do
			  local last = redis.call('ZSCORE', KEYS[1], viewer)
			  local joined = redis.call('ZSCORE', KEYS[2], viewer) or last
			  local address = redis.call('HGET', KEYS[5], viewer)
			  redis.call('ZREM', KEYS[1], viewer)
			  redis.call('ZREM', KEYS[2], viewer)
			  redis.call('HDEL', KEYS[5], viewer)
			  if address and redis.call('HINCRBY', KEYS[6], address, -1) <= 0 then redis.call('HDEL', KEYS[6], address) end
			  table.insert(closed, viewer)
			  table.insert(closed, joined)
			  table.insert(closed, last)
			end
			return closed
			""";

	static final String SNAPSHOT = """
			return { redis.call('ZCARD', KEYS[1]), tonumber(redis.call('GET', KEYS[4]) or '0'), redis.call('SCARD', KEYS[3]),
			         redis.call('EXISTS', KEYS[7]) }
			""";

	static final String SEED = """
			if redis.call('EXISTS', KEYS[8]) == 1 then return 0 end
			local peak = tonumber(ARGV[1])
			if peak > tonumber(redis.call('GET', KEYS[4]) or '0') then redis.call('SET', KEYS[4], peak) end
			for i = 2, #ARGV do redis.call('SADD', KEYS[3], ARGV[i]) end
			redis.call('SET', KEYS[7], '1')
			return 1
			""";

	private PresenceScripts() {
	}
}
