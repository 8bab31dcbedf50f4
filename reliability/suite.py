#!/usr/bin/env python3
"""Reliability suite for service-circle (issue #6). Loopback only, bounded in time, stdlib only.

Drives a running service (BASE_URL, default http://127.0.0.1:18089) through four scenarios and prints their
figures as Markdown:
  1. freshness under bursts: 8 clients x 250 creates/moves/closes/reopens as fast as they go; then every touched
     site's last state must be what /v1/nearby answers, within 1 s of the last acknowledgement;
  2. 20 editors x 25 read-modify-write PATCHes of one site with If-Match;
  3. the database stopped for 10 s under a steady write and read load, then started (DB_STOP_CMD, DB_START_CMD);
  4. 50 slow clients that never finish their headers, beside normal requests.
Exit status 0 when every expectation held, 1 otherwise. reliability/run starts everything and calls this.
"""
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import datetime, timezone

BASE = os.environ.get("BASE_URL", "http://127.0.0.1:18089")
HOST, PORT = BASE.split("//")[1].split(":")[0], int(BASE.rsplit(":", 1)[1])
TOKEN = os.environ["SC_WRITE_TOKEN"]  # an admin JWT (reliability/run mints one with bin/dev-token)
HEADER_TIMEOUT = float(os.environ.get("HEADER_TIMEOUT_SECONDS", "10"))
OUTAGE_SECONDS = float(os.environ.get("OUTAGE_SECONDS", "10"))
CENTER = (121.50, 29.87)  # central Haishu, inside the district outline
assert HOST in ("127.0.0.1", "localhost"), "loopback only"

failures = []
report = []


def expect(ok, what):
    if not ok:
        failures.append(what)
    return ok


class Client:
    """One keep-alive connection; reconnects after errors. Returns (status, headers, json|None, seconds)."""

    def __init__(self, timeout=15):
        self.timeout = timeout
        self.conn = None

    def call(self, method, path, body=None, headers=None):
        h = {"Accept": "application/json"}
        if body is not None:
            h["Content-Type"] = "application/merge-patch+json" if method == "PATCH" else "application/json"
            body = json.dumps(body, ensure_ascii=False).encode()
        if method != "GET":
            h["Authorization"] = "Bearer " + TOKEN
        h.update(headers or {})
        started = time.monotonic()
        for attempt in range(2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(HOST, PORT, timeout=self.timeout)
                self.conn.request(method, path, body=body, headers=h)
                r = self.conn.getresponse()
                raw = r.read()
                parsed = json.loads(raw) if raw else None
                return r.status, {k.lower(): v for k, v in r.getheaders()}, parsed, time.monotonic() - started
            except (ConnectionError, http.client.HTTPException, OSError) as e:
                self.conn = None
                # a kept-alive connection the server closed meanwhile: retry once on a new one (not after a timeout)
                if isinstance(e, socket.timeout) or attempt == 1:
                    return ("timeout" if isinstance(e, socket.timeout) else "error"), {}, None, time.monotonic() - started
        raise AssertionError("unreachable")


def point(rnd):
    return CENTER[0] + (rnd.random() - 0.5) * 0.02, CENTER[1] + (rnd.random() - 0.5) * 0.02


def create(c, rnd, name):
    lon, lat = point(rnd)
    category = rnd.choice(["childcare", "elder_care"])
    subtype = "nursery" if category == "childcare" else "home_care_station"
    st, h, js, _ = c.call("POST", "/v1/sites", {"category": category, "subtype": subtype, "name": name,
                                                "location": {"lon": lon, "lat": lat}})
    if st != 201:
        return st, None
    return st, {"id": js["id"], "category": category, "lon": lon, "lat": lat, "open": True, "etag": h["etag"]}


def nearby_stamp(c):
    st, h, js, _ = c.call("GET", "/v1/nearby?lon=%s&lat=%s" % CENTER)
    return st, int(h.get("x-index-generation", "0")), h.get("x-index-as-of")


def parse_instant(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()


def check_states(c, states):
    wrong = 0
    for s in states.values():
        st, _, js, _ = c.call("GET", "/v1/nearby?lon=%s&lat=%s&category=%s&limit=100&maxMinutes=1"
                              % (s["lon"], s["lat"], s["category"]))
        ids = {i["site"]["id"]: i for i in js["items"]} if st == 200 else {}
        hit = ids.get(s["id"])
        ok = (hit is not None and hit["straightLineMeters"] == 0) if s["open"] else hit is None
        wrong += 0 if ok else 1
    return wrong


def burst(clients=8, per_client=250):
    c = Client()
    _, gen_before, _ = nearby_stamp(c)
    states, statuses, lock = {}, Counter(), threading.Lock()

    def run(k):
        rnd, cl, mine = random.Random(k), Client(), []
        for i in range(per_client):
            op = 0 if not mine else rnd.randrange(4)
            if op == 0:
                st, s = create(cl, rnd, "burst-%d-%d" % (k, i))
                if s:
                    mine.append(s["id"])
            else:
                with lock:
                    s = dict(states[rnd.choice(mine)])
                if op == 1:
                    lon, lat = point(rnd)
                    st, h, _, _ = cl.call("PATCH", "/v1/sites/" + s["id"], {"location": {"lon": lon, "lat": lat}},
                                          {"If-Match": s["etag"]})
                    s.update(lon=lon, lat=lat)
                elif op == 2 and s["open"]:
                    st, h, _, _ = cl.call("DELETE", "/v1/sites/" + s["id"], None, {"If-Match": s["etag"]})
                    s.update(open=False)
                else:
                    st, h, _, _ = cl.call("PATCH", "/v1/sites/" + s["id"], {"status": "open"}, {"If-Match": s["etag"]})
                    s.update(open=True)
                if st == 200:
                    s["etag"] = h["etag"]
                else:
                    s = None
            with lock:
                statuses[st] += 1
                if s:
                    states[s["id"]] = s

    started = time.monotonic()
    threads = [threading.Thread(target=run, args=(k,)) for k in range(clients)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    write_seconds = time.monotonic() - started
    last_ack = time.time()
    staleness = None
    while time.time() - last_ack < 5:
        st, gen, as_of = nearby_stamp(c)
        if as_of and parse_instant(as_of) > last_ack:
            staleness = time.time() - last_ack
            break
        time.sleep(0.005)
    wrong = check_states(c, states)
    _, gen_after, _ = nearby_stamp(c)
    total = clients * per_client
    expect(statuses.get(200, 0) + statuses.get(201, 0) == total, "burst: every write acknowledged %s" % dict(statuses))
    expect(staleness is not None and staleness <= 1.0, "burst: snapshot newer than the last write within 1 s")
    expect(wrong == 0, "burst: %d touched sites answer a stale state" % wrong)
    expect(gen_after > gen_before, "burst: generation advanced")
    report.append(("Freshness under bursts (%d clients x %d writes)" % (clients, per_client), [
        ("writes acknowledged / sent", "%d / %d in %.1f s (%.0f/s)" % (statuses.get(200, 0) + statuses.get(201, 0),
                                                                 total, write_seconds, total / write_seconds)),
        ("per status", ", ".join("%s: %d" % kv for kv in sorted(statuses.items(), key=str))),
        ("staleness after the last write (s)", "%.3f" % staleness if staleness is not None else "> 5"),
        ("touched sites checked / answering a stale state", "%d / %d" % (len(states), wrong)),
        ("index generation before -> after", "%d -> %d" % (gen_before, gen_after)),
    ]))


def editors(n=20, each=25):
    c = Client()
    st, h, js, _ = c.call("POST", "/v1/sites", {"category": "childcare", "subtype": "nursery", "name": "editors",
                                                "location": {"lon": CENTER[0], "lat": CENTER[1]},
                                                "capacity": {"slots": 0}})
    sid = js["id"]
    statuses, lock = Counter(), threading.Lock()

    def run():
        cl = Client()
        for _ in range(each):
            _, h, js, _ = cl.call("GET", "/v1/sites/" + sid)
            st, _, _, _ = cl.call("PATCH", "/v1/sites/" + sid, {"capacity": {"slots": js["capacity"]["slots"] + 1}},
                                  {"If-Match": h["etag"]})
            with lock:
                statuses[st] += 1

    threads = [threading.Thread(target=run) for _ in range(n)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    _, h, js, _ = c.call("GET", "/v1/sites/" + sid)
    # a site's history names who changed it: readable by offices, planners and admins only
    _, _, hist, _ = c.call("GET", "/v1/sites/%s/history" % sid, headers={"Authorization": "Bearer " + TOKEN})
    ok = statuses.get(200, 0)
    expect(set(statuses) <= {200, 412}, "editors: only 200 and 412 %s" % dict(statuses))
    expect(js["capacity"]["slots"] == ok, "editors: final value %d = 2xx count %d" % (js["capacity"]["slots"], ok))
    expect(len(hist["revisions"]) == ok + 1, "editors: history %d = 2xx + create %d" % (len(hist["revisions"]), ok + 1))
    report.append(("Concurrent editors (%d x %d If-Match PATCHes)" % (n, each), [
        ("per status", ", ".join("%s: %d" % kv for kv in sorted(statuses.items(), key=str))),
        ("final value / 2xx", "%d / %d" % (js["capacity"]["slots"], ok)),
        ("history entries (incl. create)", str(len(hist["revisions"]))),
    ]))


def outage():
    stop_cmd, start_cmd = os.environ.get("DB_STOP_CMD"), os.environ.get("DB_START_CMD")
    if not (stop_cmd and start_cmd):
        report.append(("Database outage", [("skipped", "DB_STOP_CMD / DB_START_CMD not set")]))
        return
    stop = threading.Event()
    lock = threading.Lock()
    writes, reads, ready = [], [], []  # (t, status, seconds[, id])

    def writer(k):
        cl, rnd, i = Client(timeout=10), random.Random(1000 + k), 0
        while not stop.is_set():
            t = time.monotonic()
            st, s = create(cl, rnd, "outage-%d-%d" % (k, i))
            with lock:
                writes.append((t, st, time.monotonic() - t, s["id"] if s else None))
            i += 1
            time.sleep(0.02)

    def reader():
        cl = Client(timeout=10)
        while not stop.is_set():
            t = time.monotonic()
            st, _, _, secs = cl.call("GET", "/v1/nearby?lon=%s&lat=%s" % CENTER)
            st2, _, _, secs2 = cl.call("GET", "/v1/sites?limit=5")
            with lock:
                reads.append((t, "nearby", st, secs))
                reads.append((t, "sites", st2, secs2))
            time.sleep(0.05)

    def probe():
        cl = Client(timeout=5)
        while not stop.is_set():
            st, _, _, _ = cl.call("GET", "/actuator/health/readiness")
            ready.append((time.monotonic(), st))
            time.sleep(0.1)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
    threads += [threading.Thread(target=reader), threading.Thread(target=probe)]
    [t.start() for t in threads]
    time.sleep(3)
    t_stop = time.monotonic()
    subprocess.run(stop_cmd, shell=True, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t_stopped = time.monotonic()
    time.sleep(OUTAGE_SECONDS)
    t_start_cmd = time.monotonic()
    subprocess.run(start_cmd, shell=True, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t_started = time.monotonic()
    time.sleep(6)
    stop.set()
    [t.join() for t in threads]

    statuses = Counter(w[1] for w in writes)
    read_statuses = Counter("%s %s" % (r[1], r[2]) for r in reads)
    during = [w for w in writes if t_stopped < w[0] and w[0] + w[2] < t_start_cmd]
    first_ok_after = next((w[0] + w[2] for w in writes if w[0] >= t_started and w[1] == 201), None)
    recovery = first_ok_after - t_started if first_ok_after else None
    not_ready = next((t for t, st in ready if t >= t_stop and st == 503), None)
    ready_again = next((t for t, st in ready if t >= t_started and st == 200), None)
    acked = [w[3] for w in writes if w[1] == 201]
    cl, lost = Client(), 0
    for sid in acked:
        st, _, _, _ = cl.call("GET", "/v1/sites/" + sid)
        lost += 0 if st == 200 else 1
    slowest = max((w[2] for w in writes), default=0)
    nearby_during = [r for r in reads if r[1] == "nearby" and t_stopped < r[0] < t_start_cmd]
    expect(500 not in statuses and not any(str(k).startswith("5") and k != 503 for k in statuses if k != "timeout"),
           "outage: no 500 %s" % dict(statuses))
    expect("timeout" not in statuses and "error" not in statuses, "outage: no hang or dropped connection")
    expect(all(w[1] == 503 for w in during), "outage: every write during the outage is 503")
    expect(recovery is not None and recovery <= 2.0, "outage: writes recover within 2 s (%s)" % recovery)
    expect(lost == 0, "outage: %d acknowledged writes lost" % lost)
    expect(not_ready is not None and ready_again is not None and ready_again - t_started <= 2.0,
           "outage: readiness followed the database")
    expect(all(r[2] == 200 for r in nearby_during), "outage: /v1/nearby kept answering from memory")
    report.append(("Database stopped for %.0f s under load (4 writers, 1 reader)" % OUTAGE_SECONDS, [
        ("writes per status", ", ".join("%s: %d" % kv for kv in sorted(statuses.items(), key=str))),
        ("reads per status", ", ".join("%s: %d" % kv for kv in sorted(read_statuses.items()))),
        ("slowest write (s)", "%.2f" % slowest),
        ("writes acknowledged / lost", "%d / %d" % (len(acked), lost)),
        ("readiness 503 after the stop began (s)", "%.2f" % (not_ready - t_stop) if not_ready else "never"),
        ("recovery: first 201 after the database started (s)", "%.2f" % recovery if recovery is not None else "never"),
        ("readiness 200 after the database started (s)", "%.2f" % (ready_again - t_started) if ready_again else "never"),
    ]))


def slow_clients(n=50):
    socks, closed_after = [], [None] * n
    started = time.monotonic()
    for i in range(n):
        s = socket.create_connection((HOST, PORT), timeout=1)
        s.sendall(b"GET /v1/site-types HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        socks.append(s)
    got_408 = Counter()
    normal = Counter()
    stop = threading.Event()

    def normal_load():
        cl = Client(timeout=5)
        while not stop.is_set():
            st, _, _, _ = cl.call("GET", "/v1/site-types")
            normal[st] += 1
            time.sleep(0.05)

    t = threading.Thread(target=normal_load)
    t.start()
    deadline = started + HEADER_TIMEOUT + 15
    while time.monotonic() < deadline and any(c is None for c in closed_after):
        for i, s in enumerate(socks):
            if closed_after[i] is not None:
                continue
            try:
                s.sendall(b"a")  # one more header byte: a slowloris never stops sending
                s.settimeout(0.01)
                data = s.recv(4096)
                if data == b"" or data:
                    closed_after[i] = time.monotonic() - started
                    if data.startswith(b"HTTP/1.1 408"):
                        got_408["408"] += 1
            except socket.timeout:
                pass
            except OSError:
                closed_after[i] = time.monotonic() - started
        time.sleep(0.5)
    stop.set()
    t.join()
    for s in socks:
        s.close()
    closed = [c for c in closed_after if c is not None]
    expect(len(closed) == n, "slow clients: %d of %d closed" % (len(closed), n))
    expect(closed and max(closed) <= HEADER_TIMEOUT + 2, "slow clients: closed within the header timeout + 2 s")
    expect(set(normal) == {200}, "slow clients: normal requests kept answering %s" % dict(normal))
    report.append(("Slow clients (%d connections never finishing their headers)" % n, [
        ("closed / opened", "%d / %d" % (len(closed), n)),
        ("closed after (s): median / max", "%.1f / %.1f" % (statistics.median(closed), max(closed)) if closed else "-"),
        ("answered 408 problem+json before closing", str(got_408["408"])),
        ("configured header timeout (s)", "%.0f" % HEADER_TIMEOUT),
        ("normal requests meanwhile", ", ".join("%s: %d" % kv for kv in sorted(normal.items(), key=str))),
    ]))


def main():
    only = sys.argv[1:] or ["burst", "editors", "outage", "slow"]
    t0 = time.monotonic()
    for name in only:
        {"burst": burst, "editors": editors, "outage": outage, "slow": slow_clients}[name]()
    print("## Reliability run %s (%.0f s)\n" % (datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                                               time.monotonic() - t0))
    for title, rows in report:
        print("### %s\n\n| figure | value |\n|---|---|" % title)
        for k, v in rows:
            print("| %s | %s |" % (k, v))
        print()
    print("**%s**" % ("All expectations held." if not failures else "FAILED: " + "; ".join(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
