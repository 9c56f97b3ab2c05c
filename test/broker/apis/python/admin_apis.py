"""Group and config admin calls through two real clients, for test/broker/apis/admin-interop.test.ts.

Usage: admin_apis.py <bootstrap> <group> <topic>
The group must exist (offsets committed, no members). Prints one JSON object with what
confluent-kafka-python (librdkafka) and kafka-python 2.0.2 saw.
"""
import json
import sys

from confluent_kafka.admin import AdminClient, ConfigResource
from kafka import KafkaAdminClient
from kafka.admin import ConfigResource as KpConfigResource, ConfigResourceType

bootstrap, group, topic = sys.argv[1], sys.argv[2], sys.argv[3]
out = {}

confluent = AdminClient({'bootstrap.servers': bootstrap})
out['confluent_groups'] = sorted([g.id, g.state, g.protocol_type] for g in confluent.list_groups(timeout=30))

# Legacy AlterConfigs on the broker: the dynamic set becomes exactly this.
broker = ConfigResource('broker', '1', set_config={'log.retention.ms': '3600000'})
for future in confluent.alter_configs([broker]).values():
    future.result(timeout=30)
for future in confluent.describe_configs([ConfigResource('broker', '1')]).values():
    entry = future.result(timeout=30)['log.retention.ms']
    out['confluent_broker_entry'] = [entry.value, int(getattr(entry.source, 'value', entry.source)), entry.is_read_only]
for future in confluent.describe_configs([ConfigResource('topic', topic)]).values():
    entry = future.result(timeout=30)['retention.ms']
    out['confluent_topic_retention'] = [entry.value, int(getattr(entry.source, 'value', entry.source))]

kp = KafkaAdminClient(bootstrap_servers=bootstrap)
out['kp_groups'] = sorted(list(g) for g in kp.list_consumer_groups())
described = kp.describe_consumer_groups([group])[0]
out['kp_described'] = [described.group, described.state, described.protocol_type, len(described.members)]
out['kp_offsets'] = sorted([tp.topic, tp.partition, meta.offset] for tp, meta in kp.list_consumer_group_offsets(group).items())
cluster = kp.describe_cluster()
out['kp_cluster'] = [cluster['controller_id'], [b['node_id'] for b in cluster['brokers']]]
out['kp_delete'] = sorted([g, e.__name__] for g, e in kp.delete_consumer_groups([group, 'never-existed']))
kp.close()

print(json.dumps(out))
