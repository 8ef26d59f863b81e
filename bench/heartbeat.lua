-- wrk script: POST heartbeats, each with the next of the device cookies in the file $COOKIES (one per line,
-- "lp_device=..."), so the counted-viewer path is measured (bench/compare.sh's heartbeat row).
local cookies = {}
for line in io.lines(os.getenv("COOKIES")) do
  if #line > 0 then cookies[#cookies + 1] = line end
end
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", nil, { ["Cookie"] = cookies[(i % #cookies) + 1] })
end
