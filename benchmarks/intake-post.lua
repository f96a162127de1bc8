-- The load generator's intake request, for wrk (intake-wrk.sh and overload.sh): a voice contact
-- for a queue nobody serves (lg-intake), sent with the telephony key in WRK_TELEPHONY_KEY.
local key = os.getenv("WRK_TELEPHONY_KEY")
if key == nil or key == "" then
  error("set WRK_TELEPHONY_KEY to a telephony key of the engine under load")
end
wrk.method = "POST"
wrk.body = '{"channel":"voice","queue":"lg-intake","customer":{"id":"intake-caller","tier":"standard"}}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. key
