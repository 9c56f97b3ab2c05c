"""confluent-kafka-python (librdkafka) calls for the frame capture (bench/robustness/capture/capture.ts).

Usage: confluent_calls.py <bootstrap> <topic> <group>
Every call is tried; failures are reported on stderr and do not stop the script.
"""
import sys
import time

from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, ConfigResource, NewPartitions, NewTopic

bootstrap, topic, group = sys.argv[1], sys.argv[2], sys.argv[3]


def attempt(name, fn):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - the capture wants the frames, not the outcome
        print(f'{name}: {e!r}', file=sys.stderr)
        return None


def wait(futures):
    for f in futures.values():
        attempt('future', lambda: f.result(10))


admin = AdminClient({'bootstrap.servers': bootstrap, 'client.id': 'cap-confluent'})
wait(admin.create_topics([NewTopic(topic, num_partitions=2, replication_factor=1)]))
wait(admin.create_partitions([NewPartitions(topic, 3)]))
wait(admin.describe_configs([ConfigResource('topic', topic)]))
wait(admin.alter_configs([ConfigResource('topic', topic, set_config={'retention.ms': '3600000'})]))

producer = Producer({'bootstrap.servers': bootstrap, 'client.id': 'cap-confluent', 'enable.idempotence': True,
                     'compression.type': 'lz4', 'linger.ms': 5})
for i in range(10):
    producer.produce(topic, key=b'k%d' % (i % 3), value=b'confluent %d' % i, headers=[('h', b'x')])
producer.flush(10)

consumer = Consumer({'bootstrap.servers': bootstrap, 'client.id': 'cap-confluent', 'group.id': group,
                     'auto.offset.reset': 'earliest', 'enable.auto.commit': False, 'heartbeat.interval.ms': 300})
consumer.subscribe([topic])
count = 0
deadline = time.time() + 15
while count < 10 and time.time() < deadline:
    m = consumer.poll(0.5)
    if m is not None and m.error() is None:
        count += 1
attempt('commit', lambda: consumer.commit(asynchronous=False))
partitions = [TopicPartition(topic, p) for p in range(3)]
attempt('committed', lambda: consumer.committed(partitions, timeout=10))
attempt('watermarks', lambda: consumer.get_watermark_offsets(TopicPartition(topic, 0), timeout=10))
attempt('offsets_for_times', lambda: consumer.offsets_for_times([TopicPartition(topic, p, int(time.time() * 1000) - 60000) for p in range(3)], timeout=10))
consumer.close()

attempt('list_groups', lambda: admin.list_groups(timeout=10))
wait(admin.delete_topics([topic]))
print(count)
