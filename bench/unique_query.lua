-- Cache bypass: every request is a search nobody made before, so the page cache cannot
-- answer it (and each one lands in one of the bounded query-page slots).
dofile(os.getenv("BENCH_REPORTER"))
dofile(os.getenv("BENCH_NEW_QUERIES"))

request = function()
  return wrk.format(nil, "/search/?q=back+pain+" .. new_word())
end
