-- wrk script: replay pre-signed Twilio webhooks, each exactly once.
--
--   WRK_REQUESTS=requests.tsv WRK_PATH=/twilio/sms WRK_JSON=out.json WRK_THREADS=2 \
--     wrk -t2 -c10 -d20s --latency -s replay.lua http://127.0.0.1:5000
--
-- The file has one "<signature>\t<urlencoded body>" line per request.
-- WRK_THREADS must equal -t (wrk runs a thread's init() before the next
-- thread's setup(), so the script cannot count the threads itself).
-- Thread i of n sends lines i, i+n, i+2n, ... so no two requests share a
-- MessageSid; a thread that runs out stops (bounded in count as well as by
-- -d), keeping a margin for the requests still in flight. done() writes the
-- totals and latency percentiles as JSON to WRK_JSON.

local threads = {}
local counter = 0

function setup(thread)
  thread:set("thread_index", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local requests = {}
local next_index = 1
local margin = 64
exhausted = false

function init(args)
  local thread_count = tonumber(os.getenv("WRK_THREADS"))
  local path = os.getenv("WRK_PATH")
  local lineno = 0
  for line in io.lines(os.getenv("WRK_REQUESTS")) do
    if lineno % thread_count == thread_index then
      local tab = line:find("\t", 1, true)
      requests[#requests + 1] = wrk.format("POST", path, {
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["X-Twilio-Signature"] = line:sub(1, tab - 1),
      }, line:sub(tab + 1))
    end
    lineno = lineno + 1
  end
end

function request()
  local r = requests[next_index]
  next_index = next_index + 1
  if next_index > #requests - margin and not exhausted then
    exhausted = true
    wrk.thread:stop()
  end
  return r
end

function done(summary, latency, requests)
  local ran_out = 0
  for _, t in ipairs(threads) do
    if t:get("exhausted") then ran_out = ran_out + 1 end
  end
  if #threads ~= tonumber(os.getenv("WRK_THREADS")) then
    error("WRK_THREADS must equal wrk's -t")
  end
  local e = summary.errors
  local out = io.open(os.getenv("WRK_JSON"), "w")
  out:write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"mean": %.1f, "stdev": %.1f, "max": %d, "p50": %d, "p75": %d, ' ..
    '"p90": %d, "p99": %d, "p99_9": %d}, "threads_exhausted": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.stdev, latency.max, latency:percentile(50), latency:percentile(75),
    latency:percentile(90), latency:percentile(99), latency:percentile(99.9), ran_out))
  out:close()
end
