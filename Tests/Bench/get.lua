-- GET the path given on the command line, signed in when TOKEN (a bearer token) or COOKIE (a
-- browser session, `name=value`) is set; with FRESH=1 the request carries `Cache-Control:
-- no-cache`, so the server works the answer out instead of reusing one; with GZIP=1 it accepts
-- a gzip-compressed answer, as browsers do.
request = function()
  local token = os.getenv("TOKEN")
  local headers = {}
  if token ~= nil and token ~= "" then headers["Authorization"] = "Bearer " .. token end
  local cookie = os.getenv("COOKIE")
  if cookie ~= nil and cookie ~= "" then headers["Cookie"] = cookie end
  if os.getenv("FRESH") == "1" then headers["Cache-Control"] = "no-cache" end
  if os.getenv("GZIP") == "1" then headers["Accept-Encoding"] = "gzip" end
  return wrk.format("GET", nil, headers)
end
