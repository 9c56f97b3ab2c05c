"""confluent-kafka-python (librdkafka) producer for the bench: produces COUNT records of SIZE
bytes to TOPIC and prints one JSON line with the records, bytes and the milliseconds from the
first produce() to the end of flush()."""
import json
import sys
import time

from confluent_kafka import Producer


def main() -> None:
    bootstrap, topic, count, size, acks, compression = sys.argv[1:7]
    count, size = int(count), int(size)
    producer = Producer({
        'bootstrap.servers': bootstrap,
        'acks': acks,
        'linger.ms': 5,
        'batch.size': 1000000,
        'compression.type': compression,
    })
    failed = []

    def on_delivery(err, _msg):
        if err is not None:
            failed.append(str(err))

    value = (b'kafka broker topic partition offset record ' * (size // 40 + 1))[:size]
    start = time.perf_counter()
    for _ in range(count):
        while True:
            try:
                producer.produce(topic, value, on_delivery=on_delivery)
                break
            except BufferError:
                producer.poll(0.05)
        producer.poll(0)
    remaining = producer.flush(120)
    ms = (time.perf_counter() - start) * 1000
    print(json.dumps({'records': count, 'bytes': count * size, 'ms': ms, 'failed': len(failed) + remaining}))
    sys.exit(1 if failed or remaining else 0)


if __name__ == '__main__':
    main()
