-- view.lua: wrk script for the case view. GET /cases/{id} over the ids in
-- the file $BENCH_IDS (one a line), each thread from its own offset, so the
-- run reads many cases instead of one cached page.
-- The Authorization header comes from wrk's -H.
local ids = {}
for line in io.lines(os.getenv("BENCH_IDS")) do
    ids[#ids + 1] = line
end
local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("offset", threads * 7919)
end

local i = 0
function init(args)
    i = tonumber(offset or 0) % #ids
end

function request()
    i = i % #ids + 1
    return wrk.format(nil, "/cases/" .. ids[i])
end
