#!/usr/bin/env python3
"""Two running `facesearch serve` processes (A and B: e.g. two builds over one index) under the
same load at the same time, for a ratio that a machine busy with other work does not swamp.

One client alternates request by request (A then B, then B then A, ...), each pair sending the
same LFW photo; then CLIENTS clients load A and B in alternating blocks of BLOCK requests. Prints
p50/p99 latency per server, B/A ratios and each server's CPU time per request (from /proc, so
both must run on this machine): CPU per request is what a co-tenant's load disturbs least. Where
a server sends Server-Timing headers, each stage's median is printed too, with B/A ratios.

    python3 bench/web_ab.py PORT_A PID_A PORT_B PID_B REQUESTS BLOCKS BLOCK CLIENTS

e.g. `python3 bench/web_ab.py 7401 $A 7402 $B 200 8 40 4` with the two servers started as
`java -jar <build>/cli/target/facesearch-cli.jar serve --index DIR --port 7401` (and 7402).
Photos: 100 LFW images from $FACESEARCH_DATA (default ../shared/data/lfw), shuffled with seed 42;
standard library only.
"""
import sys, os, time, random, threading, http.client, uuid, statistics, json
portA, pidA, portB, pidB = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
n1 = int(sys.argv[5]); blocks = int(sys.argv[6]); block = int(sys.argv[7]); clients = int(sys.argv[8])
root = os.path.join(os.environ.get("FACESEARCH_DATA", "../shared/data/lfw"), "images")
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(".jpg"))
random.Random(42).shuffle(files)
photos = [open(f, "rb").read() for f in files[:100]]
TICK = os.sysconf("SC_CLK_TCK")
def cpu(pid):
    p = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(p[11]) + int(p[12])) / TICK
def body(photo):
    b = uuid.uuid4().hex
    data = (f"--{b}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"q.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").encode() + photo + f"\r\n--{b}--\r\n".encode()
    return b, data
local = threading.local()
def send(port, photo):
    conns = getattr(local, "c", None)
    if conns is None: conns = local.c = {}
    if port not in conns: conns[port] = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c = conns[port]; b, data = body(photo)
    t = time.perf_counter()
    c.request("POST", "/api/query", data, {"Content-Type": f"multipart/form-data; boundary={b}"})
    r = c.getresponse(); r.read()
    dt = (time.perf_counter() - t) * 1000
    if r.status != 200: raise SystemExit(f"status {r.status} from {port}")
    stages = timings.setdefault(port, [])
    header = r.getheader("Server-Timing")
    if header:
        stages.append({m.split(";")[0].strip(): float(p.strip()[4:]) for m in header.split(",")
                       for p in m.split(";")[1:] if p.strip().startswith("dur=")})
    return dt
timings = {}
def print_stages():
    a, b = timings.get(portA, []), timings.get(portB, [])
    names = list(dict.fromkeys(n for t in a + b for n in t))
    if not names: return
    med = lambda ts, n: statistics.median(t.get(n, 0.0) for t in ts) if ts else None
    fmt = lambda v: "     -" if v is None else f"{v:6.1f}"
    print("  stage medians (Server-Timing, ms):" + "".join(f" {n:>9}" for n in names))
    for s, ts in (("A", a), ("B", b)):
        print(f"  {s}:" + " " * 31 + "".join(f"    {fmt(med(ts, n))}" for n in names))
    if a and b:
        print("  B/A:" + " " * 30 + "".join(
            f"     x{med(b, n) / med(a, n):.2f}" if med(a, n) else "         -" for n in names))
    timings.clear()
def pct(xs, q):
    xs = sorted(xs); return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]
for port in (portA, portB):
    for i in range(20): send(port, photos[i % 100])
timings.clear()
out = {}
# 1 client, alternating request by request (order flipped every other pair)
lat = {"A": [], "B": []}; cpu0 = (cpu(pidA), cpu(pidB))
for i in range(n1):
    order = ("A", "B") if i % 2 == 0 else ("B", "A")
    for s in order:
        lat[s].append(send(portA if s == "A" else portB, photos[i % 100]))
cpu1 = (cpu(pidA), cpu(pidB))
load = open("/proc/loadavg").read().split()[:3]
print(f"1 client, {n1} requests each, alternating; load {' '.join(load)}")
for k, s in enumerate("AB"):
    print(f"  {s}: p50 {pct(lat[s], .5):6.1f} p99 {pct(lat[s], .99):6.1f} mean {statistics.mean(lat[s]):6.1f} ms, server CPU {(cpu1[k] - cpu0[k]) * 1000 / n1:5.1f} ms/request")
ratios = sorted(b / a for a, b in zip(lat["A"], lat["B"]))
print(f"  B/A: p50 x{pct(lat['B'], .5) / pct(lat['A'], .5):.2f}, p99 x{pct(lat['B'], .99) / pct(lat['A'], .99):.2f}, median paired ratio x{statistics.median(ratios):.2f}, CPU x{(cpu1[1] - cpu0[1]) / (cpu1[0] - cpu0[0]):.2f}")
print_stages()
if clients > 1:
    lat = {"A": [], "B": []}; cpus = {"A": 0.0, "B": 0.0}; walls = {"A": 0.0, "B": 0.0}
    for blk in range(blocks):
        for s in (("A", "B") if blk % 2 == 0 else ("B", "A")):
            port, pid = (portA, pidA) if s == "A" else (portB, pidB)
            todo = list(range(block)); lock = threading.Lock(); got = []
            def worker():
                while True:
                    with lock:
                        if not todo: return
                        i = todo.pop()
                    got.append(send(port, photos[(blk * block + i) % 100]))
            c0 = cpu(pid); t0 = time.perf_counter()
            ts = [threading.Thread(target=worker) for _ in range(clients)]
            [t.start() for t in ts]; [t.join() for t in ts]
            walls[s] += time.perf_counter() - t0; cpus[s] += cpu(pid) - c0; lat[s] += got
    load = open("/proc/loadavg").read().split()[:3]
    print(f"{clients} clients, {blocks} blocks of {block} requests alternating; load {' '.join(load)}")
    for s in "AB":
        n = len(lat[s])
        print(f"  {s}: p50 {pct(lat[s], .5):6.1f} p99 {pct(lat[s], .99):6.1f} ms, {n / walls[s]:5.1f} req/s, server CPU {cpus[s] * 1000 / n:5.1f} ms/request")
    print(f"  B/A: p50 x{pct(lat['B'], .5) / pct(lat['A'], .5):.2f}, p99 x{pct(lat['B'], .99) / pct(lat['A'], .99):.2f}, req/s x{(len(lat['B']) / walls['B']) / (len(lat['A']) / walls['A']):.2f}, CPU x{cpus['B'] / cpus['A']:.2f}")
    print_stages()
