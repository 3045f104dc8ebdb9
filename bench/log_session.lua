-- Logging a session: each request answers one of a session's four questions (warning signs
-- "none", pain during and after 1, leg symptoms no worse), as a runner's browser posts them;
-- each answer is kept on the server and answered 302 to the next question, and the last saves
-- the session and answers 302 to the log. Each wrk thread has one connection and its own logs
-- (BENCH_LOGS: "path|cookie|csrf|next number", one a line), so its requests are sequential and
-- each log's questions and sessions are sent in order.
dofile(os.getenv("BENCH_REPORTER"))

local logs = {}
for entry in string.gmatch(os.getenv("BENCH_LOGS"), "[^\n]+") do
  local path, cookie, csrf, number = string.match(entry, "([^|]+)|([^|]+)|([^|]+)|([^|]+)")
  table.insert(logs, {path = path, cookie = cookie, csrf = csrf, number = tonumber(number), step = 1})
end

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

local mine, turn
function init(args)
  mine, turn = {}, 0
  local count = tonumber(os.getenv("BENCH_THREADS"))
  for index, log in ipairs(logs) do
    if (index - 1) % count == thread_number - 1 then table.insert(mine, log) end
  end
end

local ANSWERS = {"none", "1", "1", "no"}
local sent
request = function()
  turn = turn % #mine + 1
  local log = mine[turn]
  sent = log
  local path = log.path .. "session/" .. log.number .. "/?step=" .. log.step
  local body = "csrfmiddlewaretoken=" .. log.csrf ..
    "&step=" .. log.step .. "&answer=" .. ANSWERS[log.step]
  -- wrk.format sends only the headers it is given: the command line's (-H, such as
  -- X-Forwarded-Proto) are copied in, or every request is redirected to HTTPS unsaved.
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["Cookie"] = log.cookie
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  headers["Referer"] = "https://" .. wrk.host .. ":" .. wrk.port .. path
  return wrk.format("POST", path, headers, body)
end

-- The next question only once this one was answered with a redirect, and the next session
-- after the last; after a failure (a 503, say) the same question is sent again, as a runner would.
response = function(status, headers, body)
  if status ~= 302 then return end
  if sent.step == #ANSWERS then
    sent.number, sent.step = sent.number + 1, 1
  else
    sent.step = sent.step + 1
  end
end
