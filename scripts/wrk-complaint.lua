-- wrk script: every request is a public complaint submission with its own phone number
local counter = 0
local tid = 0
function setup(thread)
  tid = tid + 1
  thread:set("tid", tid)
end
function init(args)
  counter = (tid or 1) * 10000000
end
request = function()
  counter = counter + 1
  local body = string.format('{"type":"COMPLAINT","category":"GOODS","subcategory":"家用电器",'
    .. '"respondentName":"压测电器行%d","district":"421222","facts":"压测：购买的电器使用一周后损坏，商家拒绝退换。",'
    .. '"request":"退货","amount":999,"name":"压测","phone":"17%09d"}', counter % 500, counter)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end
