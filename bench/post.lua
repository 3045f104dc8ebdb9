-- A form post with no fields, for bench.floor's writing views (they need no CSRF token).
dofile(os.getenv("BENCH_REPORTER"))
wrk.method = "POST"
wrk.body = ""
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
