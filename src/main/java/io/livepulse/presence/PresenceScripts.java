package io.livepulse.presence;

/**
 * The Lua scripts of {@link SharedPresence}. Each takes the keys of one stream, in this order: seen
 * (viewer -> last seen), joined (viewer -> joined at), everJoined, peak, addressOf, perAddress, seeded,
 * ended, left (viewer -> when they left, so that a heartbeat another node sends later does not bring
 * them back), everPerAddress (address -> new viewers it brought to the stream, never given back).
 */
final class PresenceScripts {

	/**
	 * One node's heartbeats of one stream since its last exchange, applied in one call. ARGV[1] the cap per
	 * address at once, ARGV[2] the new viewers an address may bring over the stream's life, ARGV[3] and ARGV[4] the
	 * same two caps for an IPv6 address's whole /48, then per viewer: id, address, its /48 ('' for IPv4), first and
	 * last heartbeat in the batch. Returns {-2} for an ended stream, {-1} for one not seeded yet, else {0, viewers,
	 * peak, ever joined, {first joins: id, joined at...}, {addresses refused a new viewer...}}. A counted viewer's
	 * address and /48 are kept in addressOf as "address network", for the close to give both places back.
	 */
	static final String EXCHANGE = """
			if redis.call('EXISTS', KEYS[8]) == 1 then return { -2 } end
			if redis.call('EXISTS', KEYS[7]) == 0 then return { -1 } end
			local cap, everCap = tonumber(ARGV[1]), tonumber(ARGV[2])
			local netCap, netEverCap = tonumber(ARGV[3]), tonumber(ARGV[4])
			local function full(key, place, limit)
			  return place ~= '' and tonumber(redis.call('HGET', key, place) or '0') >= limit
			end
			local firsts, refused = {}, {}
			for i = 5, #ARGV, 5 do
			  local viewer, address, network, joined, seen = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
			  local new = redis.call('SISMEMBER', KEYS[3], viewer) == 0
			  if tonumber(redis.call('HGET', KEYS[9], viewer) or '-1') >= tonumber(seen) then
			    -- sent by another node after the viewer left through this one: not a return
			  elseif redis.call('ZSCORE', KEYS[1], viewer) then
			    redis.call('ZADD', KEYS[1], 'GT', seen, viewer)
			  elseif full(KEYS[6], address, cap) or full(KEYS[6], network, netCap)
			      or (new and (full(KEYS[10], address, everCap) or full(KEYS[10], network, netEverCap))) then
			    table.insert(refused, address)
			  else
			    redis.call('ZADD', KEYS[1], seen, viewer)
			    redis.call('ZADD', KEYS[2], joined, viewer)
			    redis.call('HSET', KEYS[5], viewer, address .. ' ' .. network)
			    redis.call('HINCRBY', KEYS[6], address, 1)
			    if network ~= '' then redis.call('HINCRBY', KEYS[6], network, 1) end
			    if redis.call('SADD', KEYS[3], viewer) == 1 then
			      redis.call('HINCRBY', KEYS[10], address, 1)
			      if network ~= '' then redis.call('HINCRBY', KEYS[10], network, 1) end
			      table.insert(firsts, viewer)
			      table.insert(firsts, joined)
			    end
			  end
			end
			local viewers = redis.call('ZCARD', KEYS[1])
			local peak = tonumber(redis.call('GET', KEYS[4]) or '0')
			if viewers > peak then
			  peak = viewers
			  redis.call('SET', KEYS[4], viewers)
			end
			return { 0, viewers, peak, redis.call('SCARD', KEYS[3]), firsts, refused }
			""";

	/**
	 * ARGV[1] the last-seen cutoff ('+inf': everyone), ARGV[2] one viewer only (or ''), ARGV[3] when that viewer
	 * left. Returns id, joined, last seen...
	 */
	static final String CLOSE = """
			local gone
			if ARGV[2] ~= '' then
			  redis.call('HSET', KEYS[9], ARGV[2], ARGV[3])
			  if redis.call('ZSCORE', KEYS[1], ARGV[2]) then gone = { ARGV[2] } else gone = {} end
			else
			  gone = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
			end
			local closed = {}
			for _, viewer in ipairs(gone) do
			  local last = redis.call('ZSCORE', KEYS[1], viewer)
			  local joined = redis.call('ZSCORE', KEYS[2], viewer) or last
			  local places = redis.call('HGET', KEYS[5], viewer)
			  redis.call('ZREM', KEYS[1], viewer)
			  redis.call('ZREM', KEYS[2], viewer)
			  redis.call('HDEL', KEYS[5], viewer)
			  if places then
			    for place in string.gmatch(places, '%S+') do
			      if redis.call('HINCRBY', KEYS[6], place, -1) <= 0 then redis.call('HDEL', KEYS[6], place) end
			    end
			  end
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
