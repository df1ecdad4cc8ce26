"""The Celery side of peers.py: one no-op task that counts its ends in Redis."""

import os
import time

import redis
from celery import Celery

app = Celery("peers", broker=os.environ["PEERS_REDIS"])
app.conf.update(task_ignore_result=True, worker_hijack_root_logger=False, broker_connection_retry_on_startup=True)
TASKS = int(os.environ["PEERS_TASKS"])
_client = None


@app.task(name="noop")
def noop():
    global _client
    _client = _client or redis.Redis.from_url(os.environ["PEERS_REDIS"])
    done = _client.incr("done")
    if done == 1:
        _client.set("first", time.time())
    if done == TASKS:
        _client.set("last", time.time())


def fill(tasks):
    with app.producer_or_acquire() as producer:
        for _ in range(tasks):
            noop.apply_async(producer=producer)
