"""kafka-python 2.0.2 calls for the frame capture (bench/robustness/capture/capture.ts).

Usage: kafka_python_calls.py <bootstrap> <topic> <group> [<api_version, e.g. 0.11.0>]
An older client: it negotiates old API versions (a given api_version pins older ones still). Every call is tried; failures are reported on
stderr and do not stop the script (only the request frames matter).
"""
import sys
import time

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import ConfigResource, ConfigResourceType, NewPartitions, NewTopic

bootstrap, topic, group = sys.argv[1], sys.argv[2], sys.argv[3]
pinned = {'api_version': tuple(int(x) for x in sys.argv[4].split('.'))} if len(sys.argv) > 4 else {}


def attempt(name, fn):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - the capture wants the frames, not the outcome
        print(f'{name}: {e!r}', file=sys.stderr)
        return None


admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id='cap-kafka-python', **pinned)
attempt('create_topics', lambda: admin.create_topics([NewTopic(topic, num_partitions=2, replication_factor=1)]))
attempt('create_partitions', lambda: admin.create_partitions({topic: NewPartitions(3)}))
attempt('describe_configs', lambda: admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)]))
attempt('alter_configs', lambda: admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, topic, configs={'retention.ms': '3600000'})]))
attempt('describe_cluster', admin.describe_cluster)
attempt('describe_topics', lambda: admin.describe_topics([topic]))

producer = KafkaProducer(bootstrap_servers=bootstrap, client_id='cap-kafka-python', acks='all', compression_type='gzip', **pinned)
for i in range(10):
    producer.send(topic, key=b'k%d' % (i % 3), value=b'kafka-python %d' % i, headers=[('h', b'x')])
producer.flush()
producer.close()

consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, client_id='cap-kafka-python', group_id=group,
                         auto_offset_reset='earliest', enable_auto_commit=False, consumer_timeout_ms=4000,
                         heartbeat_interval_ms=300, **pinned)
count = sum(1 for _ in consumer)
attempt('commit', consumer.commit)
partitions = [TopicPartition(topic, p) for p in range(3)]
attempt('end_offsets', lambda: consumer.end_offsets(partitions))
attempt('beginning_offsets', lambda: consumer.beginning_offsets(partitions))
attempt('offsets_for_times', lambda: consumer.offsets_for_times({tp: int(time.time() * 1000) - 60000 for tp in partitions}))
consumer.close()

attempt('list_consumer_groups', admin.list_consumer_groups)
attempt('describe_consumer_groups', lambda: admin.describe_consumer_groups([group]))
attempt('list_consumer_group_offsets', lambda: admin.list_consumer_group_offsets(group))
attempt('delete_consumer_groups', lambda: admin.delete_consumer_groups([group]))
attempt('delete_topics', lambda: admin.delete_topics([topic]))
admin.close()
print(count)
