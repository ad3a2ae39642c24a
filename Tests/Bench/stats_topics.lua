-- GET every statistics topic in turn, signed in with TOKEN: a reader of the statistics pages.
-- Combined with a writer, most answers are worked out afresh after each change.
local topics = {"adoption", "adoption-time-series", "outcomes", "resourcing", "governance", "evidence", "single-views"}
local next_topic = 0
request = function()
  next_topic = next_topic % #topics + 1
  local headers = {["Authorization"] = "Bearer " .. os.getenv("TOKEN")}
  return wrk.format("GET", "/api/v1/stats/" .. topics[next_topic], headers)
end
