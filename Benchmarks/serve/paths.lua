-- wrk: requests the paths of the file named by $PATHS in turn (each thread from its own offset).
local paths = {}
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end
local i = 0

function setup(thread)
  thread:set("offset", math.random(#paths))
end

function init(args)
  i = tonumber(offset) or 0
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
