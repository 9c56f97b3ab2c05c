"""confluent-kafka-python (librdkafka) consumer group phases, driven by test/interop/python-groups.test.ts.

Usage: group_rebalance.py <bootstrap> <topic> <group> <phase>
  assign:  three consumers join; prints their assignments; closes one; prints the survivors'.
  commit:  one consumer reads 60 records from the beginning and commits them synchronously.
  resume:  a consumer of the same group prints the first record it gets after the commit.
Output is one JSON document per line on stdout.
"""
import json
import sys
import time

from confluent_kafka import Consumer, TopicPartition

bootstrap, topic, group, phase = sys.argv[1:5]


def consumer():
    return Consumer({
        'bootstrap.servers': bootstrap,
        'group.id': group,
        'auto.offset.reset': 'earliest',
        'enable.auto.commit': False,
        'session.timeout.ms': 6000,
        'heartbeat.interval.ms': 300,
        'topic.metadata.refresh.interval.ms': 1000,
    })


def assignment(c):
    return sorted(tp.partition for tp in c.assignment())


def settle(consumers, expected_total, timeout=40.0):
    """Poll every consumer until the assignments cover expected_total partitions without overlap, stably."""
    deadline = time.time() + timeout
    stable_since = None
    while time.time() < deadline:
        for c in consumers:
            c.poll(0.05)
        parts = [assignment(c) for c in consumers]
        flat = [p for ps in parts for p in ps]
        ok = len(flat) == expected_total and len(set(flat)) == expected_total and all(parts)
        if ok:
            stable_since = stable_since or time.time()
            if time.time() - stable_since > 1.5:
                return parts
        else:
            stable_since = None
    raise SystemExit('no stable assignment: %r' % ([assignment(c) for c in consumers],))


if phase == 'assign':
    cs = [consumer() for _ in range(3)]
    for c in cs:
        c.subscribe([topic])
    print(json.dumps({'three': settle(cs, 6)}), flush=True)
    cs[2].close()
    print(json.dumps({'two': settle(cs[:2], 6)}), flush=True)
    for c in cs[:2]:
        c.close()
elif phase == 'commit':
    c = consumer()
    c.subscribe([topic])
    got = []
    deadline = time.time() + 30
    while len(got) < 60 and time.time() < deadline:
        m = c.poll(0.2)
        if m is None or m.error():
            continue
        got.append(m.value().decode())
    c.commit(asynchronous=False)
    committed = c.committed([TopicPartition(topic, 0)], timeout=10)
    print(json.dumps({'read': len(got), 'first': got[0], 'last': got[-1], 'committed': committed[0].offset}), flush=True)
    c.close()
elif phase == 'resume':
    c = consumer()
    c.subscribe([topic])
    deadline = time.time() + 30
    first = None
    while first is None and time.time() < deadline:
        m = c.poll(0.2)
        if m is not None and not m.error():
            first = {'value': m.value().decode(), 'offset': m.offset()}
    print(json.dumps({'first': first}), flush=True)
    c.close()
