# confluent-kafka-python (librdkafka) transactions against a kt broker; one JSON line per result.
#   txn_clients.py <bootstrap> commit-abort <topic>   commit 100, abort 100, then read both isolation levels
#   txn_clients.py <bootstrap> fence <topic>          a second producer with the same transactional.id fences the first
#   txn_clients.py <bootstrap> send-offsets <in> <out> <group>   consume-transform-produce with send_offsets_to_transaction
import json
import sys
import time

from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition

bootstrap, mode = sys.argv[1], sys.argv[2]


def emit(**fields):
    print(json.dumps(fields), flush=True)


def read_all(topic, isolation, expect):
    c = Consumer({'bootstrap.servers': bootstrap, 'group.id': 'reader-' + isolation, 'isolation.level': isolation, 'enable.auto.commit': False})
    c.assign([TopicPartition(topic, 0, 0)])
    got = []
    deadline = time.time() + 10
    while time.time() < deadline and len(got) < expect:
        m = c.poll(0.2)
        if m is not None and not m.error():
            got.append([m.offset(), m.value().decode()])
    # A little longer, so that records beyond the expected count would be seen too.
    end = time.time() + 1
    while time.time() < end:
        m = c.poll(0.2)
        if m is not None and not m.error():
            got.append([m.offset(), m.value().decode()])
    low, high = c.get_watermark_offsets(TopicPartition(topic, 0), timeout=5)
    c.close()
    return got, high


if mode == 'commit-abort':
    topic = sys.argv[3]
    p = Producer({'bootstrap.servers': bootstrap, 'transactional.id': 'py-' + topic})
    p.init_transactions(10)
    p.begin_transaction()
    for i in range(100):
        p.produce(topic, value=('c%d' % i).encode())
    p.commit_transaction(10)
    p.begin_transaction()
    for i in range(100):
        p.produce(topic, value=('a%d' % i).encode())
    p.flush(10)
    p.abort_transaction(10)
    for isolation, expect in (('read_uncommitted', 200), ('read_committed', 100)):
        got, high = read_all(topic, isolation, expect)
        emit(isolation=isolation, count=len(got), first=got[0] if got else None, last=got[-1] if got else None, high=high)

elif mode == 'fence':
    topic = sys.argv[3]
    conf = {'bootstrap.servers': bootstrap, 'transactional.id': 'py-fence-' + topic}
    first = Producer(conf)
    first.init_transactions(10)
    first.begin_transaction()
    first.produce(topic, value=b'first')
    first.flush(10)
    second = Producer(conf)
    second.init_transactions(30)
    try:
        first.produce(topic, value=b'first-again')
        first.flush(5)
        first.commit_transaction(10)
        emit(first='committed')
    except KafkaException as e:
        err = e.args[0]
        emit(first=err.name(), fatal=err.fatal())
    second.begin_transaction()
    second.produce(topic, value=b'second')
    second.commit_transaction(10)
    emit(second='committed')

elif mode == 'send-offsets':
    src, dst, group = sys.argv[3], sys.argv[4], sys.argv[5]
    c = Consumer({'bootstrap.servers': bootstrap, 'group.id': group, 'auto.offset.reset': 'earliest', 'enable.auto.commit': False, 'isolation.level': 'read_committed'})
    c.subscribe([src])
    p = Producer({'bootstrap.servers': bootstrap, 'transactional.id': 'py-ctp-' + group})
    p.init_transactions(10)
    seen = 0
    deadline = time.time() + 20
    while seen < 10 and time.time() < deadline:
        msgs = c.consume(10, 1.0)
        msgs = [m for m in msgs if not m.error()]
        if not msgs:
            continue
        p.begin_transaction()
        for m in msgs:
            p.produce(dst, value=m.value().upper())
        p.send_offsets_to_transaction(c.position(c.assignment()), c.consumer_group_metadata(), 10)
        p.commit_transaction(10)
        seen += len(msgs)
    committed = c.committed([TopicPartition(src, 0)], timeout=10)
    c.close()
    emit(seen=seen, committed=committed[0].offset)
