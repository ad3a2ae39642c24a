-- GET the path given on the command line, signed in when TOKEN is set; with FRESH=1 the request
-- carries `Cache-Control: no-cache`, so the server works the answer out instead of reusing one.
request = function()
  local token = os.getenv("TOKEN")
  local headers = {}
  if token ~= nil and token ~= "" then headers["Authorization"] = "Bearer " .. token end
  if os.getenv("FRESH") == "1" then headers["Cache-Control"] = "no-cache" end
  return wrk.format("GET", nil, headers)
end
