-- Send the paths listed, one per line, in the file named after "--", in turn;
-- after wrk's summary, print the 95th percentile latency (microseconds).
local paths = {}
local next_path = 0

init = function(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
end

request = function()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

done = function(summary, latency, requests)
  io.write(string.format("P95_US %d\n", latency:percentile(95)))
end
