-- GET the path given on the command line, signed in when TOKEN is set.
request = function()
  local token = os.getenv("TOKEN")
  local headers = {}
  if token ~= nil and token ~= "" then headers["Authorization"] = "Bearer " .. token end
  return wrk.format("GET", nil, headers)
end
