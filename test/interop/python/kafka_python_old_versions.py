"""kafka-python 2.0.2 pinned to an old broker version (api_version), so it speaks the old protocol
versions and message formats whatever the broker advertises.

Usage:
  kafka_python_old_versions.py produce <bootstrap> <topic> <api_version> <compression|none> <first> <count>
      sends keys k<i> / values v<i> for i in [first, first + count) to partition 0, with create
      time 1700000000000 + i where the format has timestamps (0.10+); prints the offsets and
      timestamps the broker acknowledged.
  kafka_python_old_versions.py consume <bootstrap> <topic> <api_version> <group|->
      reads partition 0 from the committed offset (earliest without one) until idle, commits
      (with a group), and prints the messages and the committed offset. 0.9+ joins the group;
      0.8.2 has no group membership and assigns the partition itself.

api_version is dotted (0.10.1). Prints one JSON line.
"""
import json
import sys

from kafka import KafkaConsumer, KafkaProducer, TopicPartition

BASE_TIME = 1700000000000


def version(text):
    return tuple(int(part) for part in text.split('.'))


def produce(bootstrap, topic, api_version, compression, first, count):
    producer = KafkaProducer(bootstrap_servers=bootstrap, api_version=api_version,
                             compression_type=None if compression == 'none' else compression,
                             linger_ms=50, batch_size=1 << 20)
    has_time = api_version >= (0, 10)
    futures = [producer.send(topic, key=b'k%d' % i, value=b'v%d' % i, partition=0,
                             timestamp_ms=BASE_TIME + i if has_time else None)
               for i in range(first, first + count)]
    acked = [f.get(30) for f in futures]
    producer.close()
    return {'acked': [[m.offset, m.timestamp] for m in acked]}


def consume(bootstrap, topic, api_version, group):
    options = dict(bootstrap_servers=bootstrap, api_version=api_version, auto_offset_reset='earliest',
                   enable_auto_commit=False, consumer_timeout_ms=3000,
                   group_id=None if group == '-' else group)
    if api_version < (0, 10, 1):
        # JoinGroup v0 has one timeout for both; kafka-python insists they match.
        options.update(session_timeout_ms=10000, max_poll_interval_ms=10000)
    tp = TopicPartition(topic, 0)
    if group != '-' and api_version >= (0, 9):
        consumer = KafkaConsumer(topic, **options)
    else:
        consumer = KafkaConsumer(**options)
        consumer.assign([tp])
    messages = [[m.offset, m.timestamp, m.timestamp_type,
                 None if m.key is None else m.key.decode(),
                 None if m.value is None else m.value.decode(),
                 [[k, v.decode()] for k, v in (m.headers or [])]]
                for m in consumer]
    committed = None
    if group != '-':
        consumer.commit()
        committed = consumer.committed(tp)
    consumer.close()
    return {'messages': messages, 'committed': committed}


def main(argv):
    command, bootstrap, topic, api_version = argv[1], argv[2], argv[3], version(argv[4])
    if command == 'produce':
        result = produce(bootstrap, topic, api_version, argv[5], int(argv[6]), int(argv[7]))
    else:
        result = consume(bootstrap, topic, api_version, argv[5])
    print(json.dumps(result))


if __name__ == '__main__':
    main(sys.argv)
