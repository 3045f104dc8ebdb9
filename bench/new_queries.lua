-- Shared by the scripts whose every request is a query nobody asked before. wrk's LuaJIT
-- seeds each thread's generator alike, so without this every thread, and every run, would
-- send the same "new" queries: the second thread's were repeats the page cache then stored.
-- BENCH_SEED (set per wrk run by bench.run.run_wrk) and the thread's number make each thread
-- of each run draw its own.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  math.randomseed(tonumber(os.getenv("BENCH_SEED") or os.time()) + 7919 * thread_number)
end

function new_word()
  return "x" .. math.random(1, 1000000000)
end
