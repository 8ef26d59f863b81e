-- wrk script for durable likes: POSTs a like per request, each with the next signed-in user's token
-- (LIKE_TOKENS: a file with one token per line), and counts answers by status across all threads.
-- Every request is formatted once, in init(): formatting one per request cost wrk a visible share
-- of the cores it shares with the service. The same script sends signed-in heartbeats when pointed at
-- .../heartbeat. PACE_MS: each connection waits this long before each request (an audience at a steady
-- rate: connections * 1000 / PACE_MS requests a second at most), instead of sending as fast as it can.
local threads = {}
local created = 0

function setup(thread)
  thread:set("offset", created)
  created = created + 1
  table.insert(threads, thread)
end

function init(args)
  requests = {}
  for line in io.lines(os.getenv("LIKE_TOKENS")) do
    requests[#requests + 1] = wrk.format("POST", nil, {
      ["Authorization"] = "Bearer " .. line,
      ["Content-Length"] = "0"
    }, nil)
  end
  step = tonumber(os.getenv("WRK_THREADS"))
  n = offset
  accepted, limited, other = 0, 0, 0
end

local pace = tonumber(os.getenv("PACE_MS") or "")
if pace then
  function delay()
    return pace
  end
end

function request()
  n = n + step
  return requests[(n % #requests) + 1]
end

function response(status, headers, body)
  if status == 200 then
    accepted = accepted + 1
  elseif status == 429 then
    limited = limited + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local a, l, o = 0, 0, 0
  for _, thread in ipairs(threads) do
    a = a + thread:get("accepted")
    l = l + thread:get("limited")
    o = o + thread:get("other")
  end
  io.write(string.format("lua.accepted=%d\nlua.limited=%d\nlua.other=%d\n", a, l, o))
  io.write(string.format("lua.seconds=%.3f\n", summary.duration / 1e6))
  io.write(string.format("lua.p50Ms=%.2f\nlua.p99Ms=%.2f\nlua.maxMs=%.2f\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
