-- wrk script for the fake-viewer flood (bench/attack.sh): heartbeats as fast as wrk can send them.
-- FLOOD_MODE selects what each heartbeat carries:
--   fresh    a made-up UUID-shaped lp_device cookie, new for every request (a device the service never issued)
--   none     no cookie at all (every request asks the service for a new device id; Set-Cookie is dropped)
--   harvest  no cookie, and every device cookie the service sets is sent back once on a later heartbeat
--            (issued ids, used the way a viewer would to be counted)
-- Answers are counted by status across all threads.
local threads = {}
local created = 0

function setup(thread)
  thread:set("seed", created)
  created = created + 1
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + seed * 7919 + math.floor(os.clock() * 1000000))
  mode = os.getenv("FLOOD_MODE") or "fresh"
  plain = wrk.format("POST", nil, { ["Content-Length"] = "0" }, nil)
  ok, limited, other, issued, replayed = 0, 0, 0, 0, 0
  queue, head, tail = {}, 1, 0
end

local function hex4()
  return string.format("%04x", math.random(0, 65535))
end

local function fresh_id()
  return hex4() .. hex4() .. "-" .. hex4() .. "-4" .. string.sub(hex4(), 2) .. "-"
    .. string.format("%x", math.random(8, 11)) .. string.sub(hex4(), 2) .. "-" .. hex4() .. hex4() .. hex4()
end

function request()
  if mode == "fresh" then
    return wrk.format("POST", nil, { ["Content-Length"] = "0", ["Cookie"] = "lp_device=" .. fresh_id() }, nil)
  end
  if mode == "harvest" and tail >= head then
    local cookie = queue[head]
    queue[head] = nil
    head = head + 1
    replayed = replayed + 1
    return wrk.format("POST", nil, { ["Content-Length"] = "0", ["Cookie"] = cookie }, nil)
  end
  return plain
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
  elseif status == 429 then
    limited = limited + 1
  else
    other = other + 1
  end
  local set = headers["Set-Cookie"] or headers["set-cookie"]
  if set then
    issued = issued + 1
    if mode == "harvest" and tail - head < 100000 then
      tail = tail + 1
      queue[tail] = string.match(set, "^([^;]+)")
    end
  end
end

function done(summary, latency, requests)
  local o, l, x, i, r = 0, 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    o = o + thread:get("ok")
    l = l + thread:get("limited")
    x = x + thread:get("other")
    i = i + thread:get("issued")
    r = r + thread:get("replayed")
  end
  io.write(string.format("lua.requests=%d\nlua.ok2xx=%d\nlua.limited429=%d\nlua.other=%d\n", o + l + x, o, l, x))
  io.write(string.format("lua.setCookieAnswers=%d\nlua.issuedIdsReplayed=%d\n", i, r))
  io.write(string.format("lua.seconds=%.1f\nlua.perSecond=%.0f\n", summary.duration / 1e6, (o + l + x) / (summary.duration / 1e6)))
  io.write(string.format("lua.p50Ms=%.2f\nlua.p99Ms=%.2f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
