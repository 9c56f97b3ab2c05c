"""kafka-python 2.0.2 (an older client that negotiates old API versions) against kt.

Usage: kafka_python_roundtrip.py <bootstrap>
Creates a 2-partition topic, produces 100 keyed gzip records with a header, consumes them in a
group, commits, and prints one JSON line with what it saw.
"""
import json
import sys

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import NewTopic

bootstrap = sys.argv[1]
admin = KafkaAdminClient(bootstrap_servers=bootstrap)
admin.create_topics([NewTopic('kafka-python', num_partitions=2, replication_factor=1)])
admin.close()

producer = KafkaProducer(bootstrap_servers=bootstrap, compression_type='gzip')
for i in range(100):
    producer.send('kafka-python', key=b'k%d' % (i % 5), value=b'v%d' % i, headers=[('h', b'x%d' % i)])
producer.flush()
producer.close()

consumer = KafkaConsumer('kafka-python', bootstrap_servers=bootstrap, group_id='kafka-python-group',
                         auto_offset_reset='earliest', enable_auto_commit=False, consumer_timeout_ms=5000)
records = [m for m in consumer]
consumer.commit()
committed = sum(consumer.committed(TopicPartition('kafka-python', p)) or 0 for p in (0, 1))
consumer.close()

by_partition = {}
for m in records:
    by_partition.setdefault(m.partition, []).append(m.offset)
print(json.dumps({
    'api_version': list(consumer.config['api_version']),
    'count': len(records),
    'values': sorted(int(m.value[1:]) for m in records),
    'headers_ok': all(m.headers == [('h', b'x' + m.value[1:])] for m in records),
    'dense_offsets': all(offs == list(range(len(offs))) for offs in by_partition.values()),
    'keys_stick': all(len({m.partition for m in records if m.key == k}) == 1 for k in {m.key for m in records}),
    'committed': committed,
}))
