"""An idempotent confluent-kafka-python (librdkafka) producer, driven by test/interop/idempotence.test.ts.

Usage: idempotent_producer.py <bootstrap> <topic> <count>
Produces m0..m<count-1> to partition 0 with enable.idempotence=true, waits for every delivery
report and prints one JSON document: how many were delivered, the errors, and the offsets.
"""
import json
import sys

from confluent_kafka import Producer

bootstrap, topic, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
delivered = []
errors = []


def on_delivery(err, msg):
    if err is not None:
        errors.append(err.name())
    else:
        delivered.append(msg.offset())


p = Producer({
    'bootstrap.servers': bootstrap,
    'enable.idempotence': True,
    'linger.ms': 20,
    'batch.num.messages': 100,
    'socket.timeout.ms': 5000,
    'request.timeout.ms': 5000,
    'message.timeout.ms': 120000,
    'reconnect.backoff.ms': 100,
    'reconnect.backoff.max.ms': 500,
})
for i in range(count):
    p.produce(topic, value=f'm{i}', partition=0, on_delivery=on_delivery)
    p.poll(0)
remaining = p.flush(120)
print(json.dumps({'delivered': len(delivered), 'errors': errors, 'remaining': remaining, 'offsets': sorted(delivered)}))
