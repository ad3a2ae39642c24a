-- POST /api/v1/pilots/{id}/phases, walking a list of pilots (PILOTS, comma-separated) so no two
-- requests in flight touch the same one; each visit flips the pilot between pilot and paused.
local pilots = {}
for id in string.gmatch(os.getenv("PILOTS"), "[^,]+") do table.insert(pilots, id) end
local thread_id = 0
setup = function(thread) thread:set("id", thread_id); thread_id = thread_id + 1 end
local counter = 0
request = function()
  local slot = id + 2 * counter
  counter = counter + 1
  local round = math.floor(slot / #pilots)
  local pilot = pilots[(slot % #pilots) + 1]
  local phase = (round % 2 == 0) and "pilot" or "paused"
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN") }
  local body = string.format('{"phase": "%s", "effective_on": "%s"}', phase, os.getenv("TODAY"))
  return wrk.format("POST", "/api/v1/pilots/" .. pilot .. "/phases", headers, body)
end
