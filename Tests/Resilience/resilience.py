#!/usr/bin/env python3
"""The server against real failures: its database stopped and started under load, the server
killed with SIGKILL under concurrent writes, stopped with SIGTERM with requests in flight, and
two instances sharing one database.

Usage: resilience.py BINARY [CHECK...], CHECK naming functions below (all by default). It makes a PostgreSQL cluster of its own in a temporary folder
(so stopping it disturbs nothing else), on loopback only, and prints each check's figures.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid

BINARY = os.path.abspath(sys.argv[1])
PG_BIN = sorted(d for d in (f"/usr/lib/postgresql/{v}/bin" for v in os.listdir("/usr/lib/postgresql"))
                if os.path.exists(f"{d}/initdb"))[-1]
AS_ROOT = os.geteuid() == 0
RESULTS = []


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A private PostgreSQL cluster that the checks may stop and start."""

    def __init__(self):
        self.base = tempfile.mkdtemp(prefix="csc-resilience-")
        self.data = os.path.join(self.base, "data")
        self.port = free_port()
        if AS_ROOT:
            shutil.chown(self.base, "postgres")
        self.owner([f"{PG_BIN}/initdb", "-D", self.data, "-U", "registry", "--auth=trust", "-E", "UTF8"])
        with open(os.path.join(self.data, "postgresql.conf"), "a") as conf:
            conf.write(f"listen_addresses = '127.0.0.1'\nport = {self.port}\nunix_socket_directories = '{self.base}'\n"
                       "max_connections = 100\n")
        self.start()
        subprocess.run([f"{PG_BIN}/createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "registry", "registry"],
                       check=True)
        self.url = f"postgres://registry@127.0.0.1:{self.port}/registry?sslmode=disable"

    def owner(self, command):
        if AS_ROOT:
            command = ["runuser", "-u", "postgres", "--"] + command
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def start(self):
        self.owner([f"{PG_BIN}/pg_ctl", "-D", self.data, "-l", os.path.join(self.base, "server.log"), "-w", "start"])

    def stop(self):
        self.owner([f"{PG_BIN}/pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"])

    def remove(self):
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.base, ignore_errors=True)


SERVERS = []


class Server:
    def __init__(self, cluster, port=None, extra_env=None):
        SERVERS.append(self)
        self.port = port or free_port()
        self.env = dict(os.environ, DATABASE_URL=cluster.url, LOG_LEVEL="warning",
                        DASHBOARDS_DIR=tempfile.mkdtemp(prefix="csc-resilience-site-"), **(extra_env or {}))
        self.process = None
        self.start()

    def start(self):
        self.log = open(os.path.join(tempfile.gettempdir(), f"csc-resilience-{self.port}.log"), "a")
        self.process = subprocess.Popen([BINARY, "serve", "--port", str(self.port)], env=self.env,
                                        stdout=self.log, stderr=self.log)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if request("GET", self.url("/health"), timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"server on {self.port} did not start")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def kill(self, sig):
        self.process.send_signal(sig)
        return self.process.wait(timeout=60)

    def state(self):
        """Whether the process still runs, and its log's last lines: what a failed check needs."""
        code = self.process.poll()
        self.log.flush()
        with open(self.log.name) as log:
            tail = "".join(log.readlines()[-15:])
        return f"server {'running' if code is None else f'exited with {code}'}; its log ends:\n{tail}"


def request(method, url, body=None, token=None, headers=None, timeout=10):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    for name, value in (headers or {}).items():
        req.add_header(name, value)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as reply:
            return reply.status, reply.read().decode(), dict(reply.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def admin_token(cluster):
    env = dict(os.environ, DATABASE_URL=cluster.url, LOG_LEVEL="warning")
    output = subprocess.run([BINARY, "token", "create", "--name", "Resilience check", "--role", "admin"],
                            env=env, check=True, capture_output=True, text=True).stdout
    return output.splitlines()[1].strip()


def check(name, passed, figures):
    passed = bool(passed)
    RESULTS.append(passed)
    print(f"{'ok  ' if passed else 'FAIL'} {name}: {figures}", flush=True)


# MARK: - Checks

def database_outage(cluster, token):
    """PostgreSQL stopped and started again under a load of reads and writes."""
    server = Server(cluster)
    statuses, health = [], []
    stop = threading.Event()

    def load(kind):
        while not stop.is_set():
            started = time.time()
            try:
                if kind == "write":
                    status = request("POST", server.url("/api/v1/providers"), {"name": f"Outage {uuid.uuid4()}"},
                                     token=token, timeout=15)[0]
                else:
                    status = request("GET", server.url("/api/v1/pilots"), timeout=15)[0]
            except OSError:
                status = "no answer"
            statuses.append((started, time.time(), status))
            time.sleep(0.05)

    def probe():
        while not stop.is_set():
            started = time.time()
            try:
                status = request("GET", server.url("/health"), timeout=5)[0]
            except OSError:
                status = "no answer"
            health.append((started, time.time(), status))
            time.sleep(0.2)

    threads = [threading.Thread(target=load, args=(kind,)) for kind in ("read", "write", "read", "write")]
    threads.append(threading.Thread(target=probe))
    for thread in threads:
        thread.start()
    time.sleep(2)
    stopped_at = time.time()
    cluster.stop()
    time.sleep(6)
    cluster.start()
    started_at = time.time()
    time.sleep(8)
    stop.set()
    for thread in threads:
        thread.join()

    slowest_health = max(end - begin for begin, end, _ in health)
    first_503 = min((end for begin, end, status in statuses if status == 503 and begin >= stopped_at), default=None)
    recovered = min((end for begin, end, status in statuses if status in (200, 201) and begin >= started_at),
                    default=None)
    health_back = min((end for begin, end, status in health if status == 200 and begin >= started_at), default=None)
    wrong = sorted({str(status) for _, _, status in statuses + health if status not in (200, 201, 503)})
    slowest_during = max((end - begin for begin, end, status in statuses if status == 503), default=0)
    figures = (f"{len(statuses)} API requests, {len(health)} health probes; slowest /health {slowest_health:.2f} s; "
               f"first API 503 {first_503 - stopped_at:.2f} s after the stop; slowest 503 {slowest_during:.2f} s; "
               f"API answering again {recovered - started_at:.2f} s and /health {health_back - started_at:.2f} s "
               f"after the start; other statuses: {wrong or 'none'}"
               if first_503 and recovered and health_back else f"503 {first_503}, recovered {recovered}, "
               f"health back {health_back}, statuses {sorted({str(s) for _, _, s in statuses})}; {server.state()}")
    check("database stopped and started under load",
          first_503 is not None and recovered is not None and health_back is not None and not wrong
          and slowest_health < 1.0 and first_503 - stopped_at < 3 and recovered - started_at < 5
          and health_back - started_at < 5 and slowest_during < 3, figures)
    server.kill(signal.SIGTERM)


def sigkill_under_writes(cluster, token):
    """SIGKILL while creates run; every acknowledged record survives, retries make no duplicate."""
    server = Server(cluster)
    acknowledged, sent = {}, {}
    lock = threading.Lock()
    stop = threading.Event()

    def writer():
        while not stop.is_set():
            key = str(uuid.uuid4())
            body = {"name": f"Kill check {key}"}
            with lock:
                sent[key] = body
            try:
                status, text, _ = request("POST", server.url("/api/v1/providers"), body, token=token,
                                          headers={"Idempotency-Key": key}, timeout=10)
            except OSError:
                continue
            if status == 201:
                with lock:
                    acknowledged[key] = json.loads(text)["id"]

    threads = [threading.Thread(target=writer) for _ in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(4)
    server.kill(signal.SIGKILL)
    stop.set()
    for thread in threads:
        thread.join()
    server.start()

    lost = [key for key, id in acknowledged.items()
            if request("GET", server.url(f"/api/v1/providers/{id}"), token=token)[0] != 200]
    unanswered = [key for key in sent if key not in acknowledged]
    retried, changed, duplicated = 0, 0, 0
    for key, body in sent.items():
        status, text, _ = request("POST", server.url("/api/v1/providers"), body, token=token,
                                  headers={"Idempotency-Key": key})
        retried += 1
        if status != 201:
            changed += 1
            continue
        if key in acknowledged and json.loads(text)["id"] != acknowledged[key]:
            changed += 1
    names = [body["name"] for body in sent.values()]
    listing = []
    cursor = None
    while True:
        query = "?limit=200" + (f"&cursor={cursor}" if cursor else "")
        page = json.loads(request("GET", server.url(f"/api/v1/providers{query}"), token=token)[1])
        listing += [item["name"] for item in page["items"]]
        cursor = page.get("next_cursor")
        if not cursor:
            break
    duplicated = sum(1 for name in names if listing.count(name) > 1)
    check("SIGKILL under concurrent creates",
          acknowledged and not lost and not changed and not duplicated,
          f"{len(sent)} creates sent, {len(acknowledged)} acknowledged, {len(lost)} lost, "
          f"{len(unanswered)} unanswered; {retried} retried with their key: {changed} answered otherwise, "
          f"{duplicated} duplicated")
    server.kill(signal.SIGTERM)


def sigterm_drains(cluster, token):
    """SIGTERM finishes the requests in flight, refuses new connections, and exits 0."""
    server = Server(cluster)
    results = []

    def slow_reader():
        results.append(request("GET", server.url("/api/v1/stats/adoption-time-series"), token=token,
                               headers={"Cache-Control": "no-cache"}, timeout=30)[0])

    threads = [threading.Thread(target=slow_reader) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(0.3)
    signalled = time.time()
    code = server.kill(signal.SIGTERM)
    exited = time.time() - signalled
    for thread in threads:
        thread.join()
    try:
        request("GET", server.url("/health"), timeout=2)
        refused = False
    except OSError:
        refused = True
    check("SIGTERM with requests in flight", code == 0 and results == [200] * 4 and refused,
          f"exit code {code} after {exited:.2f} s; in-flight answers {results}; new connections refused: {refused}"
          + ("" if results == [200] * 4 else f"; {server.state()}"))


def two_instances(cluster, token):
    """Two servers on one database behave as one registry."""
    quick = {"DASHBOARDS_REBUILD_SECONDS": "1"}
    first, second = Server(cluster, extra_env=quick), Server(cluster, extra_env=quick)
    stale, keyed = 0, []
    for index in range(20):
        status, text, _ = request("POST", first.url("/api/v1/providers"), {"name": f"Shared {index} {uuid.uuid4()}"},
                                  token=token)
        id = json.loads(text)["id"]
        # The second instance answered this list before; its cached answer must not be reused.
        listing = json.loads(request("GET", second.url("/api/v1/providers?limit=200"), token=token)[1])
        seen = request("GET", second.url(f"/api/v1/providers/{id}"), token=token)[0]
        if seen != 200:
            stale += 1
        key = str(uuid.uuid4())
        body = {"name": f"Keyed {key}"}
        ids = {json.loads(request("POST", server.url("/api/v1/providers"), body, token=token,
                                  headers={"Idempotency-Key": key})[1])["id"] for server in (first, second)}
        keyed.append(len(ids))
        _ = listing
    # A public pilot added through the first appears on the second's dashboards.
    provider = json.loads(request("POST", first.url("/api/v1/providers"), {"name": "Shared site check"},
                                  token=token)[1])["id"]
    tool = json.loads(request("POST", first.url("/api/v1/tools"), {
        "name": f"Shared site tool {uuid.uuid4()}", "provider_id": provider, "kind": "translation",
        "technology": "generative_ai"}, token=token)[1])["id"]
    status = request("POST", first.url("/api/v1/pilots"), {
        "title": "Shared site pilot", "tool_id": tool, "lead_authority": "E06000001", "origin": "procured",
        "service_areas": ["child_protection"], "sharing_level": "public"}, token=token)[0]
    written = time.time()
    published = None
    while published is None and time.time() - written < 20:
        if request("GET", second.url(f"/dashboards/tools/{tool}.html"))[0] == 200:
            published = time.time() - written
        time.sleep(0.25)
    check("two instances on one database", stale == 0 and keyed == [1] * 20 and status == 201 and published,
          f"20 writes through one read back through the other: {stale} stale; "
          f"20 keys sent to both: {sum(1 for n in keyed if n > 1)} made a second record; a public pilot added "
          f"through one on the other's dashboards after {published if published is None else round(published, 1)} s")
    first.kill(signal.SIGTERM)
    second.kill(signal.SIGTERM)


def main():
    cluster = Cluster()
    try:
        env = dict(os.environ, DATABASE_URL=cluster.url, LOG_LEVEL="warning")
        subprocess.run([BINARY, "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)
        subprocess.run([BINARY, "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
        token = admin_token(cluster)
        checks = (two_instances, sigterm_drains, sigkill_under_writes, database_outage)
        for run in [chosen for chosen in checks if chosen.__name__ in sys.argv[2:]] or checks:
            try:
                run(cluster, token)
            except Exception as error:  # a check that cannot finish has failed
                check(run.__doc__.strip().split("\n")[0], False, repr(error))
    finally:
        for server in SERVERS:
            if server.process and server.process.poll() is None:
                server.process.kill()
                server.process.wait()
        cluster.remove()
    passed = sum(RESULTS)
    print(f"Resilience: {passed} passed, {len(RESULTS) - passed} failed")
    sys.exit(0 if passed == len(RESULTS) else 1)


if __name__ == "__main__":
    main()
