// Apache Kafka's Java client (the newest request versions) for the frame capture
// (bench/robustness/capture/capture.ts): an Admin client through most admin APIs, an idempotent
// producer, a transactional one, and two consumers of one group (the second validates its committed position with
// OffsetForLeaderEpoch). Every call is tried; failures go to stderr, the capture wants frames.
//
// Run as a single-file source program: java -cp <the reference tools' classpath> CaptureCalls.java <bootstrap> <topic> <group>
import java.time.Duration;
import java.util.*;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.*;
import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.clients.producer.*;
import org.apache.kafka.common.*;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.*;

public class CaptureCalls {
  static void attempt(String name, Callable<?> call) {
    try {
      call.call();
    } catch (Exception e) {
      System.err.println(name + ": " + e);
    }
  }

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0], topic = args[1], group = args[2];
    Properties common = new Properties();
    common.put("bootstrap.servers", bootstrap);
    common.put("client.id", "cap-java");
    TopicPartition p0 = new TopicPartition(topic, 0);
    Set<TopicPartition> all = Set.of(p0, new TopicPartition(topic, 1), new TopicPartition(topic, 2));
    ConfigResource topicResource = new ConfigResource(ConfigResource.Type.TOPIC, topic);

    try (Admin admin = Admin.create(common)) {
      attempt("createTopics", () -> admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get());
      attempt("createPartitions", () -> admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(3))).all().get());
      attempt("describeTopics", () -> admin.describeTopics(List.of(topic)).allTopicNames().get());
      attempt("describeConfigs", () -> admin.describeConfigs(List.of(topicResource, new ConfigResource(ConfigResource.Type.BROKER, "1"))).all().get());
      attempt("incrementalAlterConfigs", () -> admin.incrementalAlterConfigs(Map.of(topicResource,
          List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "3600000"), AlterConfigOp.OpType.SET)))).all().get());
      attempt("describeCluster", () -> admin.describeCluster().clusterId().get());
      attempt("describeFeatures", () -> admin.describeFeatures().featureMetadata().get());
      attempt("describeMetadataQuorum", () -> admin.describeMetadataQuorum().quorumInfo().get());
      attempt("updateFeatures", () -> admin.updateFeatures(Map.of("metadata.version", new FeatureUpdate((short) 25, FeatureUpdate.UpgradeType.UPGRADE)),
          new UpdateFeaturesOptions().validateOnly(true)).all().get());
      attempt("unregisterBroker", () -> admin.unregisterBroker(99).all().get());
      attempt("listClientMetricsResources", () -> admin.listClientMetricsResources().all().get());
    }

    Properties producerProps = new Properties();
    producerProps.putAll(common);
    producerProps.put("enable.idempotence", "true");
    producerProps.put("acks", "all");
    producerProps.put("compression.type", "zstd");
    try (Producer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < 10; i++) producer.send(new ProducerRecord<>(topic, "k" + (i % 3), "java " + i));
      producer.flush();
    }

    // A transactional producer: InitProducerId with an id, AddPartitionsToTxn, AddOffsetsToTxn,
    // TxnOffsetCommit, EndTxn (commit, then abort).
    Properties txnProps = new Properties();
    txnProps.putAll(producerProps);
    txnProps.put("transactional.id", "cap-java-txn");
    try (Producer<String, String> producer = new KafkaProducer<>(txnProps, new StringSerializer(), new StringSerializer())) {
      attempt("transaction", () -> {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, "t", "committed"));
        producer.sendOffsetsToTransaction(Map.of(p0, new OffsetAndMetadata(1)), new ConsumerGroupMetadata(group + "-txn"));
        producer.commitTransaction();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, "t", "aborted"));
        producer.flush();
        producer.abortTransaction();
        return null;
      });
    }

    Properties consumerProps = new Properties();
    consumerProps.putAll(common);
    consumerProps.put("group.id", group);
    consumerProps.put("auto.offset.reset", "earliest");
    consumerProps.put("enable.auto.commit", "false");
    consumerProps.put("heartbeat.interval.ms", "300");
    for (int round = 0; round < 2; round++) {
      try (Consumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
        consumer.subscribe(List.of(topic));
        int seen = 0;
        long deadline = System.currentTimeMillis() + 15_000;
        while (seen < (round == 0 ? 5 : 1) && System.currentTimeMillis() < deadline) seen += consumer.poll(Duration.ofMillis(300)).count();
        attempt("commitSync", () -> { consumer.commitSync(); return null; });
        attempt("endOffsets", () -> consumer.endOffsets(all));
        attempt("offsetsForTimes", () -> consumer.offsetsForTimes(Map.of(p0, System.currentTimeMillis() - 60_000)));
      }
    }

    try (Admin admin = Admin.create(common)) {
      attempt("listOffsets", () -> admin.listOffsets(Map.of(p0, OffsetSpec.latest(), new TopicPartition(topic, 1), OffsetSpec.maxTimestamp())).all().get());
      attempt("listConsumerGroups", () -> admin.listConsumerGroups().all().get());
      attempt("describeConsumerGroups", () -> admin.describeConsumerGroups(List.of(group)).all().get());
      attempt("listConsumerGroupOffsets", () -> admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get());
      attempt("alterConsumerGroupOffsets", () -> admin.alterConsumerGroupOffsets(group, Map.of(p0, new OffsetAndMetadata(1))).all().get());
      attempt("deleteConsumerGroupOffsets", () -> admin.deleteConsumerGroupOffsets(group, Set.of(p0)).all().get());
      attempt("deleteRecords", () -> admin.deleteRecords(Map.of(p0, RecordsToDelete.beforeOffset(1))).all().get());
      attempt("describeLogDirs", () -> admin.describeLogDirs(List.of(1)).allDescriptions().get());
      attempt("describeProducers", () -> admin.describeProducers(List.of(p0)).all().get());
      // WriteTxnMarkers, as kafka-transactions.sh abort sends it (no transaction open: an empty one is aborted).
      attempt("abortTransaction", () -> admin.abortTransaction(new AbortTransactionSpec(p0, 999L, (short) 0, 0)).all().get());
      attempt("electLeaders", () -> admin.electLeaders(ElectionType.PREFERRED, all).all().get());
      attempt("listTransactions", () -> admin.listTransactions().all().get());
      attempt("describeTransactions", () -> admin.describeTransactions(List.of("cap-java-txn")).all().get());
      attempt("deleteConsumerGroups", () -> admin.deleteConsumerGroups(List.of(group)).all().get());
      attempt("deleteTopics", () -> admin.deleteTopics(List.of(topic)).all().get());
    }
  }
}
