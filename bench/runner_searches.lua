-- An uncached search as runners make them: one of their everyday queries with a word nobody
-- typed before, so the page cache cannot answer it and every search step runs.
dofile(os.getenv("BENCH_REPORTER"))
dofile(os.getenv("BENCH_NEW_QUERIES"))

local queries = {"can't+pee", "foam+roller", "pain+when+sitting", "leg+weakness", "tingling+leg",
                 "when+to+see+a+doctor", "numbness", "plank"}

request = function()
  local query = queries[math.random(1, #queries)]
  return wrk.format(nil, "/search/?q=" .. query .. "+" .. new_word())
end
