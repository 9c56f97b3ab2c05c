# An idempotent confluent-kafka producer sends N records through a proxy that swallows some
# Produce responses; it must time out, retry and still get every record acknowledged once.
import json
import sys

from confluent_kafka import Producer

bootstrap, topic, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
errors = []
acked = []


def on_delivery(err, msg):
    if err is not None:
        errors.append(str(err))
    else:
        acked.append(msg.offset())


p = Producer({
    'bootstrap.servers': bootstrap,
    'enable.idempotence': True,
    'request.timeout.ms': 1500,
    'socket.timeout.ms': 2000,
    'message.timeout.ms': 90000,
    'linger.ms': 20,
    'batch.num.messages': 10,
})
for i in range(count):
    p.produce(topic, value=f'r{i}'.encode(), on_delivery=on_delivery)
    p.poll(0)
left = p.flush(90)
print(json.dumps({'unflushed': left, 'errors': errors, 'acked': sorted(acked)}))
