-- Print the 95th percentile latency (microseconds) after wrk's own summary.
done = function(summary, latency, requests)
  io.write(string.format("P95_US %d\n", latency:percentile(95)))
end
