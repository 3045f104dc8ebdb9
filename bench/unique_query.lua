-- Cache bypass: every request is a search nobody made before, so the page cache cannot
-- answer it (and each one lands in one of the bounded query-page slots).
dofile(os.getenv("BENCH_REPORTER"))

request = function()
  return wrk.format(nil, "/search/?q=back+pain+x" .. math.random(1, 1000000000))
end
