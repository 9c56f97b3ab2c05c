"""Topic configs through two Python clients, to compare with `kt configs --describe --all`.

Usage: describe_configs.py <bootstrap> <topic>
Replaces the topic's dynamic configs with confluent-kafka-python's alter_configs (the
non-incremental AlterConfigs API: every override not given is removed), then describes the topic
with confluent-kafka-python (librdkafka) and kafka-python 2.0.2, and prints one JSON object:
{"confluent": {name: entry}, "kafka_python": {name: entry}}. Sources are the DescribeConfigs ids.
"""
import json
import sys

from confluent_kafka.admin import AdminClient, ConfigResource
from kafka import KafkaAdminClient
from kafka.admin import ConfigResource as KpConfigResource, ConfigResourceType

bootstrap, topic = sys.argv[1], sys.argv[2]

confluent = AdminClient({'bootstrap.servers': bootstrap})
altered = ConfigResource('topic', topic, set_config={'retention.ms': '12345', 'cleanup.policy': 'compact'})
for future in confluent.alter_configs([altered]).values():
    future.result(timeout=30)

described = {}
for future in confluent.describe_configs([ConfigResource('topic', topic)]).values():
    for name, entry in future.result(timeout=30).items():
        described[name] = {
            'value': entry.value,
            # librdkafka's source is a ConfigSource enum member.
            'source': int(getattr(entry.source, 'value', entry.source)),
            'is_default': entry.is_default,
            'is_sensitive': entry.is_sensitive,
            'is_read_only': entry.is_read_only,
        }

kp_admin = KafkaAdminClient(bootstrap_servers=bootstrap)
kafka_python = {}
for response in kp_admin.describe_configs([KpConfigResource(ConfigResourceType.TOPIC, topic)], include_synonyms=True):
    for error_code, _message, _type, _name, entries in response.resources:
        assert error_code == 0, error_code
        # DescribeConfigs v1/v2 entry: name, value, read_only, config_source, is_sensitive, synonyms.
        for name, value, read_only, source, sensitive, synonyms in entries:
            kafka_python[name] = {
                'value': value,
                'source': source,
                'is_sensitive': sensitive,
                'is_read_only': read_only,
                'synonyms': [[s_name, s_value, s_source] for s_name, s_value, s_source in synonyms],
            }
kp_admin.close()

print(json.dumps({'confluent': described, 'kafka_python': kafka_python}))
