package dev.kibitz.store.kafka;

import dev.kibitz.store.Announcer;
import dev.kibitz.store.catalog.BatchRecord;
import dev.kibitz.store.catalog.DatasetRecord;
import dev.kibitz.store.wire.StoreProtos;
import dev.kibitz.proto.v1.StoreEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Announces store events on Kafka with an idempotent producer (acks=all), keyed by dataset id so a
 * dataset's events stay in one partition, in order. Each call waits for the broker's acknowledgement.
 */
public final class KafkaAnnouncer implements Announcer {
  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final Duration timeout;

  public KafkaAnnouncer(String bootstrapServers, String topic, Duration timeout) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "kibitz-activation-store");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    this.topic = topic;
    this.timeout = timeout;
  }

  @Override
  public void batchStored(DatasetRecord dataset, BatchRecord batch, String uri) throws Exception {
    send(dataset.id(), StoreProtos.batchStored(dataset, batch, uri));
  }

  @Override
  public void datasetSealed(DatasetRecord dataset) throws Exception {
    send(dataset.id(), StoreProtos.datasetSealed(dataset));
  }

  @Override
  public void workRequested(dev.kibitz.proto.v1.WorkRequested request) throws Exception {
    send(request.getDatasetId(), StoreEvent.newBuilder().setWorkRequested(request).build());
  }

  private void send(String datasetId, StoreEvent event) throws Exception {
    producer.send(new ProducerRecord<>(topic, datasetId.getBytes(StandardCharsets.UTF_8), event.toByteArray()))
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
