#!/usr/bin/env python3
"""Closed-loop load: N concurrent clients with keep-alive, each sending requests back to back for D seconds.
Prints requests/s, p50, p99 and the status counts. Usage:
  bench_load.py URL METHOD CONCURRENCY SECONDS [complaint]
With 'complaint' every request is a public complaint submission with its own phone number."""
import http.client, json, sys, threading, time, urllib.parse, collections

url, method, conc, secs = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
complaint = len(sys.argv) > 5 and sys.argv[5] == 'complaint'
u = urllib.parse.urlparse(url)
lat, statuses, lock = [], collections.Counter(), threading.Lock()
deadline = time.monotonic() + secs

def body(n):
    return json.dumps({"type": "COMPLAINT", "category": "GOODS", "subcategory": "家用电器",
                       "respondentName": "压测电器行%d" % (n % 500), "district": "421222",
                       "facts": "压测：购买的电器使用一周后损坏，商家拒绝退换。", "request": "退货",
                       "amount": 999, "name": "压测", "phone": "17%09d" % n}).encode()

def worker(k):
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    n = k * 10_000_000
    local, st = [], collections.Counter()
    while time.monotonic() < deadline:
        n += 1
        t = time.perf_counter()
        try:
            if complaint:
                c.request("POST", u.path, body(n), {"Content-Type": "application/json"})
            else:
                c.request(method, u.path)
            r = c.getresponse(); r.read()
            st[r.status] += 1
        except Exception as e:
            st[type(e).__name__] += 1
            c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
        local.append(time.perf_counter() - t)
    with lock:
        lat.extend(local); statuses.update(st)

start = time.monotonic()
ts = [threading.Thread(target=worker, args=(i,)) for i in range(conc)]
[t.start() for t in ts]; [t.join() for t in ts]
el = time.monotonic() - start
lat.sort()
p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000
print(json.dumps({"url": url, "clients": conc, "seconds": round(el, 1), "requests": len(lat),
                  "rps": round(len(lat) / el, 1), "p50_ms": round(p(0.5), 1), "p99_ms": round(p(0.99), 1),
                  "statuses": dict(statuses)}))
