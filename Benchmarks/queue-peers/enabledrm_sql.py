"""EnableDRM's claim and finish statements (TaskQueue+Prepared.swift, TaskQueue+Statistics.swift) replayed through
asyncpg, beside pgqueuer on the same cluster: what the SQL and the planner cost, without the Swift client path.

    enabledrm_sql.py DSN WORKERS TASKS [watch|nowatch|analyzed]

DSN is a database at head (`enabledrm db upgrade`) whose `celery_task_history` is empty and has never been analysed
(a fresh copy of a migrated template): the empty-history case of issue #19. TASKS waiting rows are inserted in one
statement, then WORKERS processes claim 10 at a time and finish each batch in one statement until none is left.
`analyzed` runs ANALYZE once they are in (the history variant: statistics taken while tasks wait).
`watch` does what a full claim does in TaskQueue (at most once per 10 s per worker: count the waiting rows, read the
planner's estimate, ANALYZE when it expects fewer than half of at least 1,000); `nowatch` is the code before it.
Prints one line as peers.py does: tasks/s, machine CPU µs per task, queue CPU µs per task.
"""

import asyncio
import multiprocessing as mp
import re
import sys
import time
from datetime import datetime, timedelta, timezone

from peers import children_us, cluster_us, machine_busy_us

CLAIM = """
UPDATE celery_task_history SET status = 'started', worker = $1, started_at = $2, lease_expires_at = $3
WHERE id = ANY (ARRAY(
    SELECT id FROM celery_task_history
    WHERE status IN ('pending', 'retry') AND queue = $4 AND (eta IS NULL OR eta <= $2)
    ORDER BY id LIMIT $5 FOR UPDATE SKIP LOCKED))
RETURNING id, task_id, task_name, args::text, retries, max_retries, started_at
"""
FINISH = """
UPDATE celery_task_history SET status = ended.status::task_status,
    result = CASE WHEN ended.has_result THEN ended.result END, retries = ended.retries, eta = ended.eta,
    completed_at = $7, lease_expires_at = NULL,
    runtime_seconds = NULLIF(ended.runtime, 'NaN'::float8)::numeric(10, 3)
FROM unnest($1::int8[], $2::text[], $3::bool[], $4::text[], $5::int8[], $6::timestamptz[], $8::float8[])
    AS ended (id, status, has_result, result, retries, eta, runtime)
WHERE celery_task_history.id = ended.id AND celery_task_history.worker = $9
    AND celery_task_history.status = 'started'
RETURNING celery_task_history.id
"""
BACKLOG = 1000


async def analyze_if_stale(connection):
    waiting = await connection.fetchval(
        "SELECT count(*) FROM (SELECT 1 FROM celery_task_history WHERE status IN ('pending', 'retry') "
        f"LIMIT {BACKLOG * 10}) AS backlog")
    line = await connection.fetchval("EXPLAIN SELECT 1 FROM celery_task_history WHERE status IN ('pending', 'retry')")
    expected = int(re.search(r"rows=(\d+)", line).group(1))
    if waiting >= BACKLOG and expected * 2 < waiting:
        await connection.execute("ANALYZE (SKIP_LOCKED) celery_task_history")


def worker(dsn, index, watch, ready, go):
    import asyncpg

    async def main():
        connection = await asyncpg.connect(dsn)
        claim, finish = await connection.prepare(CLAIM), await connection.prepare(FINISH)
        name, last_look = f"bench-{index}", None
        ready.release()
        while not go.is_set():
            await asyncio.sleep(0.001)
        while True:
            now = datetime.now(timezone.utc)
            rows = await claim.fetch(name, now, now + timedelta(seconds=30), "default", 10)
            if not rows:
                break
            if watch and len(rows) == 10 and (last_look is None or time.monotonic() - last_look >= 10):
                last_look = time.monotonic()
                await analyze_if_stale(connection)
            ids = [row[0] for row in rows]
            end = datetime.now(timezone.utc)
            runtimes = [(end - row[6]).total_seconds() for row in rows]
            await finish.fetch(
                ids, ["success"] * len(ids), [False] * len(ids), [""] * len(ids), [0] * len(ids), [end] * len(ids),
                end, runtimes, name)
        await connection.close()

    asyncio.run(main())


def run(dsn, workers, tasks, watch, analyze):
    import asyncpg

    async def prepare():
        connection = await asyncpg.connect(dsn)
        await connection.execute(
            "INSERT INTO celery_task_history (task_id, task_serial, task_name, status, retries, max_retries, queue) "
            "SELECT 'e-' || g, 'TASK-e-' || g, 'empty', 'pending', 0, 3, 'default' "
            f"FROM generate_series(1, {tasks}) AS g")
        if analyze:
            await connection.execute("ANALYZE celery_task_history")
        backend = await connection.fetchval("SELECT pg_backend_pid()")
        postmaster = int(open(f"/proc/{backend}/stat").read().rsplit(")", 1)[1].split()[1])
        await connection.close()
        return postmaster

    async def left():
        connection = await asyncpg.connect(dsn)
        count = await connection.fetchval("SELECT count(*) FROM celery_task_history WHERE status <> 'success'")
        await connection.close()
        return count

    server = asyncio.run(prepare())
    ready, go = mp.Semaphore(0), mp.Event()
    processes = [mp.Process(target=worker, args=(dsn, i, watch, ready, go)) for i in range(workers)]
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
    own = children_us() + cluster_us(server) - own
    remaining = asyncio.run(left())
    if remaining:
        sys.exit(f"{remaining} of {tasks} tasks left")
    return tasks / elapsed, cpu / tasks, own / tasks


if __name__ == "__main__":
    dsn, workers, tasks = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    mode = sys.argv[4] if len(sys.argv) > 4 else "watch"
    rate, cpu, own = run(dsn, workers, tasks, mode != "nowatch", mode == "analyzed")
    print(f"{rate:.0f} {cpu:.0f} {own:.0f}")
