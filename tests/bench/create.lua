-- create.lua: wrk script for case registration as an API client: POST
-- /cases with the required fields (subject, description, area, priority,
-- received_at, a requester), urlencoded, answered 201 in JSON. The bearer
-- token comes from wrk's -H (tokens need no CSRF token); the area and the
-- priority ids from $BENCH_AREA and $BENCH_PRIORITY.
local function enc(s)
    return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local fields = {
    { "subject", "Factura duplicada en el último cobro (benchmark)" },
    { "description", "El cliente recibió dos facturas por el mismo servicio y pide anular una." },
    { "area", os.getenv("BENCH_AREA") or "1" },
    { "priority", os.getenv("BENCH_PRIORITY") or "2" },
    { "received_at", "2026-11-01 10:00" },
    { "requester_first_name", "Benchmark" },
    { "requester_email", "bench@example.com" },
}
local body = {}
for _, f in ipairs(fields) do
    body[#body + 1] = f[1] .. "=" .. enc(f[2])
end

wrk.method = "POST"
wrk.body = table.concat(body, "&")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
