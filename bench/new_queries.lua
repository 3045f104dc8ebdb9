-- Shared by the scripts whose every request is a query nobody asked before. wrk's LuaJIT
-- seeds each thread's generator alike, so without this every thread, and every run, would
-- send the same "new" queries: the second thread's were repeats the page cache then stored.
-- BENCH_SEED (set per wrk run by bench.run.run_wrk), the thread's number and a count make each
-- thread of each run send its own.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

local seed, sent
function init(args)
  seed = os.getenv("BENCH_SEED") or tostring(os.time())
  sent = 0
  math.randomseed(tonumber(seed) + 7919 * thread_number)  -- the runner's queries picked apart
end

-- The run's seed, the thread and a count: never the same twice, where random numbers drawn
-- independently met by chance (a few thousand draws from a billion repeat one now and then).
function new_word()
  sent = sent + 1
  return "x" .. seed .. "t" .. thread_number .. "n" .. sent
end
