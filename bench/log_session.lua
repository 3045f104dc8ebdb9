-- Logging a session: each request is the last page of a session (warning signs "none", pain
-- during and after 1, leg symptoms no worse), which saves it and answers 302 to the log. Each
-- wrk thread has one connection and its own logs (BENCH_LOGS: "path|cookie|csrf|next number",
-- one a line), so its requests are sequential and each log's sessions are sent in order.
dofile(os.getenv("BENCH_REPORTER"))

local logs = {}
for entry in string.gmatch(os.getenv("BENCH_LOGS"), "[^\n]+") do
  local path, cookie, csrf, number = string.match(entry, "([^|]+)|([^|]+)|([^|]+)|([^|]+)")
  table.insert(logs, {path = path, cookie = cookie, csrf = csrf, number = tonumber(number)})
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

local sent
request = function()
  turn = turn % #mine + 1
  local log = mine[turn]
  sent = log
  local path = log.path .. "session/" .. log.number .. "/"
  local body = "csrfmiddlewaretoken=" .. log.csrf ..
    "&page=3&red_flag=none&pain_during=1&pain_after=1&answer=no"
  -- wrk.format sends only the headers it is given: the command line's (-H, such as
  -- X-Forwarded-Proto) are copied in, or every request is redirected to HTTPS unsaved.
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["Cookie"] = log.cookie
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  headers["Referer"] = "https://" .. wrk.host .. ":" .. wrk.port .. path
  return wrk.format("POST", path, headers, body)
end

-- The next session only once this one was answered with the redirect to the log; after a
-- failure (a 503, say) the same session is sent again, as a runner would.
response = function(status, headers, body)
  if status == 302 then sent.number = sent.number + 1 end
end
