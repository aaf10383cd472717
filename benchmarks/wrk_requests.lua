-- wrk script for benchmarks/load.py: each thread replays its share of a request file (one
-- request per line: METHOD, path, Cookie, X-CSRFToken, Content-Type and body, tab-separated),
-- so every thread sends distinct requests (distinct learners, distinct quiz attempts), and the
-- run ends with one JSON line of figures for load.py to read.

local threads = {}
local file_name = os.getenv("WRK_REQUESTS")

function setup(thread)
  thread:set("thread_number", #threads)
  table.insert(threads, thread)
end

local function split(line)
  local fields = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do
    table.insert(fields, field)
  end
  return fields
end

local function prepare(line)
  local f = split(line)
  local headers = {}
  if f[3] ~= "" then headers["Cookie"] = f[3] end
  if f[4] ~= "" then headers["X-CSRFToken"] = f[4] end
  if f[5] ~= "" then headers["Content-Type"] = f[5] end
  return wrk.format(f[1], f[2], headers, f[6] ~= "" and f[6] or nil)
end

function init(args)
  local thread_count = tonumber(os.getenv("WRK_THREADS"))
  local lines = {}
  for line in io.lines(file_name) do
    table.insert(lines, line)
  end
  -- This thread's share: every thread_count-th line. A list shorter than the threads (the
  -- bare view's one line) is shared whole.
  prepared = {}
  for number, line in ipairs(lines) do
    if #lines < thread_count or (number - 1) % thread_count == thread_number then
      table.insert(prepared, prepare(line))
    end
  end
  index = 0
  sent = 0
end

function request()
  index = index % #prepared + 1
  sent = sent + 1
  return prepared[index]
end

function done(summary, latency, requests)
  local errors = summary.errors
  local failed = errors.connect + errors.read + errors.write + errors.status + errors.timeout
  local total_sent = 0
  for _, thread in ipairs(threads) do
    total_sent = total_sent + (thread:get("sent") or 0)
  end
  io.write(string.format(
    'JSON {"requests": %d, "duration_us": %d, "errors": %d, "status_errors": %d, "sent": %d, '
      .. '"p50_us": %d, "p95_us": %d, "p99_us": %d}\n',
    summary.requests, summary.duration, failed, errors.status, total_sent,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)
  ))
end
