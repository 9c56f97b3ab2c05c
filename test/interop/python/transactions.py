"""confluent-kafka-python (librdkafka) transactions, driven by test/interop/python-transactions.test.ts.

Usage: transactions.py <bootstrap> <phase> [args...]
  commit-abort <topic>:   one transactional producer commits 100 records (c0..c99), then aborts
                          100 (a0..a99); prints what read_committed and read_uncommitted consumers
                          read from partition 0 and the partition's watermarks.
  ctp-crash <in> <out> <group> <n>: consume-transform-produce: reads <in> in a group, writes
                          x<value> to <out> and commits the group's offsets inside each
                          transaction of 10 records; after n records it begins one more
                          transaction, writes its 10 outputs and offsets, and exits without
                          committing (a crash).
  ctp-resume <in> <out> <group>: the same loop with the same transactional.id until <in> is
                          drained; its init_transactions fences the crashed one.
  read <topic> <isolation>: every record of partition 0 from the beginning, and the watermarks.
  committed <topic> <group>: the group's committed offset of partition 0.
  fence <topic>:          producer A initialises, producer B initialises with the same
                          transactional.id, A tries to commit a transaction; prints A's error
                          and B's successful commit.
Output is one JSON document per line on stdout.
"""
import json
import os
import sys
import time

from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition

bootstrap, phase = sys.argv[1:3]
args = sys.argv[3:]


def emit(doc):
    sys.stdout.write(json.dumps(doc) + '\n')
    sys.stdout.flush()


def producer(tid):
    return Producer({'bootstrap.servers': bootstrap, 'transactional.id': tid, 'linger.ms': 5})


def read_all(topic, isolation):
    c = Consumer({
        'bootstrap.servers': bootstrap,
        'group.id': 'reader-' + str(os.getpid()),
        'isolation.level': isolation,
        'enable.auto.commit': False,
        'enable.partition.eof': True,
    })
    c.assign([TopicPartition(topic, 0, 0)])
    records = []
    deadline = time.time() + 30
    while time.time() < deadline:
        m = c.poll(1.0)
        if m is None:
            continue
        if m.error():
            if m.error().code() == -191:  # _PARTITION_EOF
                break
            raise KafkaException(m.error())
        records.append({'offset': m.offset(), 'value': m.value().decode()})
    low, high = c.get_watermark_offsets(TopicPartition(topic, 0), timeout=10)
    c.close()
    return {'records': records, 'low': low, 'high': high}


def commit_abort(topic):
    p = producer('t-commit-abort')
    p.init_transactions(30)
    p.begin_transaction()
    for i in range(100):
        p.produce(topic, value=f'c{i}', partition=0)
    p.commit_transaction(30)
    p.begin_transaction()
    for i in range(100):
        p.produce(topic, value=f'a{i}', partition=0)
    p.flush(30)
    p.abort_transaction(30)
    committed = read_all(topic, 'read_committed')
    uncommitted = read_all(topic, 'read_uncommitted')
    emit({'committed': committed, 'uncommitted': uncommitted})


def group_consumer(topic, group):
    c = Consumer({
        'bootstrap.servers': bootstrap,
        'group.id': group,
        'isolation.level': 'read_committed',
        'enable.auto.commit': False,
        'auto.offset.reset': 'earliest',
        'session.timeout.ms': 6000,
    })
    c.subscribe([topic])
    return c


def transform_batch(c, p, out, size, deadline):
    """Polls up to `size` records and writes them to `out` in the open transaction; returns how many."""
    n = 0
    idle = 0
    while n < size and time.time() < deadline:
        m = c.poll(1.0)
        if m is None:
            # assigned and nothing more to read: a short batch, or the end (n == 0) after 3 s
            idle += 1 if c.assignment() else 0
            if (n > 0 and idle > 0) or idle >= 3:
                break
            continue
        if m.error():
            raise KafkaException(m.error())
        p.produce(out, value='x' + m.value().decode(), partition=0)
        n += 1
    return n


def send_offsets(c, p):
    p.send_offsets_to_transaction(c.position(c.assignment()), c.consumer_group_metadata(), 30)


def ctp(src, out, group, crash_after):
    c = group_consumer(src, group)
    p = producer('t-ctp')
    p.init_transactions(60)
    done = 0
    deadline = time.time() + 60
    while time.time() < deadline:
        p.begin_transaction()
        n = transform_batch(c, p, out, 10, deadline)
        if n == 0:
            p.abort_transaction(30)
            break
        send_offsets(c, p)
        done += n
        if crash_after is not None and done > crash_after:
            p.flush(30)
            emit({'crashed_after': done - n, 'uncommitted': n})
            os._exit(0)
        p.commit_transaction(30)
    c.close()
    emit({'processed': done})


def committed(topic, group):
    c = Consumer({'bootstrap.servers': bootstrap, 'group.id': group, 'enable.auto.commit': False})
    offsets = c.committed([TopicPartition(topic, 0)], timeout=10)
    c.close()
    emit({'committed': offsets[0].offset})


def fence(topic):
    a = producer('t-fence')
    a.init_transactions(30)
    b = producer('t-fence')
    b.init_transactions(30)
    result = {}
    try:
        a.begin_transaction()
        a.produce(topic, value='from-a', partition=0)
        a.commit_transaction(30)
        result['a'] = 'committed'
    except KafkaException as e:
        err = e.args[0]
        result['a'] = {'name': err.name(), 'fatal': err.fatal()}
    b.begin_transaction()
    b.produce(topic, value='from-b', partition=0)
    b.commit_transaction(30)
    result['b'] = 'committed'
    emit(result)


if phase == 'commit-abort':
    commit_abort(args[0])
elif phase == 'ctp-crash':
    ctp(args[0], args[1], args[2], int(args[3]))
elif phase == 'ctp-resume':
    ctp(args[0], args[1], args[2], None)
elif phase == 'read':
    emit(read_all(args[0], args[1]))
elif phase == 'committed':
    committed(args[0], args[1])
elif phase == 'fence':
    fence(args[0])
else:
    raise SystemExit(f'unknown phase {phase}')
