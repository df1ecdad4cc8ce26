"""The queue peers of issue #19, draining no-op tasks: pgqueuer on PostgreSQL and Celery on Redis.

    peers.py pgqueuer DSN WORKERS TASKS   one worker process per WORKERS, each a QueueManager in drain mode
    peers.py celery REDIS_URL WORKERS TASKS   one Celery worker, prefork pool of WORKERS processes

Prints one line: tasks/s, the machine's CPU per task in microseconds (/proc/stat: every process, so it also counts
whatever else the machine runs), and the queue's own CPU per task (the peer's processes and its server's, PostgreSQL
or Redis, from /proc/<pid>/stat and the reaped children's rusage).
"""

import asyncio
import multiprocessing as mp
import os
import subprocess
import sys
import time
from datetime import timedelta

TICK_US = 1e6 / os.sysconf("SC_CLK_TCK")


def machine_busy_us():
    fields = [float(x) for x in open("/proc/stat").readline().split()[1:]]
    return (fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7]) * TICK_US


def process_us(pid, children=False):
    """utime + stime of a process (and of its reaped children), in microseconds."""
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = float(fields[11]) + float(fields[12])
    if children:
        ticks += float(fields[13]) + float(fields[14])
    return ticks * TICK_US


def cluster_us(postmaster):
    """A PostgreSQL cluster's CPU: the postmaster with its exited backends, and its live children."""
    total = process_us(postmaster, children=True)
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                fields = open(f"/proc/{name}/stat").read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == postmaster:
                total += process_us(name)
    return total


def children_us():
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1e6


def pgqueuer_worker(dsn, ready, go):
    import asyncpg
    from pgqueuer.db import AsyncpgDriver
    from pgqueuer.qm import QueueManager
    from pgqueuer.queries import Queries
    from pgqueuer.types import QueueExecutionMode

    async def main():
        connection = await asyncpg.connect(dsn)
        manager = QueueManager(Queries(AsyncpgDriver(connection)))

        @manager.entrypoint("noop")
        async def noop(job):
            return None

        ready.release()
        while not go.is_set():
            await asyncio.sleep(0.001)
        await manager.run(mode=QueueExecutionMode.drain, batch_size=10, dequeue_timeout=timedelta(seconds=1))
        await connection.close()

    asyncio.run(main())


def run_pgqueuer(dsn, workers, tasks):
    import asyncpg
    from pgqueuer.db import AsyncpgDriver
    from pgqueuer.queries import Queries

    async def fill():
        connection = await asyncpg.connect(dsn)
        queries = Queries(AsyncpgDriver(connection))
        await queries.install()
        await queries.enqueue(["noop"] * tasks, [None] * tasks, [0] * tasks)
        await connection.close()

    async def left():
        connection = await asyncpg.connect(dsn)
        count = await connection.fetchval("SELECT count(*) FROM pgqueuer")
        await connection.close()
        return count

    async def postmaster():
        connection = await asyncpg.connect(dsn)
        backend = await connection.fetchval("SELECT pg_backend_pid()")
        parent = int(open(f"/proc/{backend}/stat").read().rsplit(")", 1)[1].split()[1])
        await connection.close()
        return parent

    asyncio.run(fill())
    server = asyncio.run(postmaster())
    ready, go = mp.Semaphore(0), mp.Event()
    processes = [mp.Process(target=pgqueuer_worker, args=(dsn, ready, go)) for _ in range(workers)]
    for process in processes:
        process.start()
    for _ in processes:
        ready.acquire()
    own = children_us() + cluster_us(server)
    cpu, began = machine_busy_us(), time.perf_counter()
    go.set()
    for process in processes:
        process.join()
    elapsed, cpu = time.perf_counter() - began, machine_busy_us() - cpu
    # The workers' start-up (imports, connecting) happened before `go` but is in their rusage: it is counted too.
    own = children_us() + cluster_us(server) - own
    remaining = asyncio.run(left())
    if remaining:
        sys.exit(f"pgqueuer left {remaining} of {tasks} jobs")
    return tasks / elapsed, cpu / tasks, own / tasks


def run_celery(redis_url, workers, tasks):
    import redis

    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    env = dict(os.environ, PEERS_REDIS=redis_url, PEERS_TASKS=str(tasks))
    here = os.path.dirname(os.path.abspath(__file__))
    subprocess.run(
        [sys.executable, "-c", f"import celery_app; celery_app.fill({tasks})"], cwd=here, env=env, check=True
    )
    server = int(client.info("server")["process_id"])
    own = children_us() + process_us(server)
    cpu = machine_busy_us()
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "celery_app", "worker", "-P", "prefork", "-c", str(workers),
         "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel", "WARNING"],
        cwd=here, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 600
    while client.get("last") is None and time.time() < deadline:
        time.sleep(0.05)
    cpu = machine_busy_us() - cpu
    worker.terminate()
    worker.wait()
    own = children_us() + process_us(server) - own
    first, last = client.get("first"), client.get("last")
    if last is None:
        sys.exit(f"celery finished {client.get('done')} of {tasks} tasks")
    # From the first task's end to the last's: the prefork pool's start-up is not counted against Celery.
    return (tasks - 1) / (float(last) - float(first)), cpu / tasks, own / tasks


if __name__ == "__main__":
    peer, target, workers, tasks = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    rate, cpu, own = (run_pgqueuer if peer == "pgqueuer" else run_celery)(target, workers, tasks)
    print(f"{rate:.0f} {cpu:.0f} {own:.0f}")
