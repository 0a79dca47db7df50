-- bench/run: wrk prints its summary as one JSON line (prefixed BENCHJSON) for the harness to read.
-- A request meant to be refused (the sweep's invalid body) sets expected_status and counts, per thread,
-- the answers with another status in `unexpected` (wrk's own count is every status above 399); -1:
-- not counted.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

done = function(summary, latency, requests)
  local e = summary.errors
  local unexpected = -1
  if expected_status then
    unexpected = 0
    for _, thread in ipairs(threads) do
      unexpected = unexpected + thread:get("unexpected")
    end
  end
  io.write(string.format(
    'BENCHJSON {"requests":%d,"duration_us":%d,"bytes":%d,"err_connect":%d,"err_read":%d,"err_write":%d,' ..
    '"err_status":%d,"err_timeout":%d,"unexpected":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"p999_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout, unexpected,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max, latency.mean))
end
