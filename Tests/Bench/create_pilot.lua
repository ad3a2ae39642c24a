-- POST /api/v1/pilots with a fresh Idempotency-Key each time. TOOL_ID and TOKEN come from the environment.
local counter = 0
local thread_id = 0
setup = function(thread) thread:set("id", thread_id); thread_id = thread_id + 1 end
init = function() counter = 0 end
request = function()
  counter = counter + 1
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. os.getenv("TOKEN"),
    ["Idempotency-Key"] = string.format("bench-%s-%d-%d", os.getenv("RUN"), id, counter),
  }
  local body = string.format('{"title": "Bench pilot %d-%d", "tool_id": "%s", "lead_authority": "%s", "origin": "procured", "sharing_level": "public"}',
    id, counter, os.getenv("TOOL_ID"), os.getenv("AUTHORITY"))
  return wrk.format("POST", "/api/v1/pilots", headers, body)
end
