package dev.kibitz.store.consume;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.kibitz.proto.v1.StoreEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link BatchSink} as a member of a consumer group on the store's event topic, so replicas of a
 * service share the partitions (and so the datasets). Auto-commit is off: after each poll's records
 * are applied the sink is flushed and only then are the offsets committed. A crash anywhere before the
 * commit means redelivery, which the sink's {@link BatchSink#applied} check turns into a no-op for
 * batches already in its durable state.
 */
public final class StoreEventConsumer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StoreEventConsumer.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final BatchSink sink;
  private final String topic;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong appliedCount = new AtomicLong();
  private final AtomicLong skippedCount = new AtomicLong();
  private Thread thread;
  private volatile Throwable failure;

  public StoreEventConsumer(String bootstrapServers, String topic, String group, BatchSink sink) {
    this(bootstrapServers, topic, group, sink, 16);
  }

  /** {@code maxPollRecords} bounds the work between flushes (and so what a crash can cost). */
  public StoreEventConsumer(String bootstrapServers, String topic, String group, BatchSink sink,
      int maxPollRecords) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // Training on a batch can take long; keep polls small so the group never evicts a busy member.
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
    p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 10 * 60_000);
    this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.sink = sink;
    this.topic = topic;
  }

  /** Starts polling on a thread of its own. */
  public StoreEventConsumer start(String threadName) {
    thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  /** Batches applied / skipped as already applied, since start. */
  public long applied() {
    return appliedCount.get();
  }

  public long skipped() {
    return skippedCount.get();
  }

  /** The error that stopped the loop, if any (the offsets of the failed poll were not committed). */
  public Throwable failure() {
    return failure;
  }

  public boolean isRunning() {
    return thread != null && thread.isAlive();
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic));
      while (running.get()) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(250));
        if (records.isEmpty()) {
          continue;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
          handle(r);
          offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
        }
        sink.flush();
        consumer.commitSync(offsets);
      }
    } catch (WakeupException e) {
      // close() asked us to stop
    } catch (Throwable t) {
      failure = t;
      LOG.error("store event consumer stopped; uncommitted events will be redelivered", t);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void handle(ConsumerRecord<byte[], byte[]> r) throws Exception {
    StoreEvent event;
    try {
      event = StoreEvent.parseFrom(r.value());
    } catch (InvalidProtocolBufferException e) {
      LOG.warn("skipping an unreadable record at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
      return;
    }
    switch (event.getEventCase()) {
      case BATCH_STORED -> {
        if (sink.applied(BatchKey.of(event.getBatchStored()))) {
          skippedCount.incrementAndGet();
        } else {
          sink.apply(event.getBatchStored());
          appliedCount.incrementAndGet();
        }
      }
      case DATASET_SEALED -> sink.sealed(event.getDatasetSealed());
      case WORK_REQUESTED -> sink.requested(event.getWorkRequested());
      default -> LOG.warn("skipping an event of unknown kind at {}-{}@{}", r.topic(), r.partition(), r.offset());
    }
  }

  /** Stops after the current record; nothing after the last commit is lost (it is redelivered). */
  @Override
  public void close() throws InterruptedException {
    running.set(false);
    consumer.wakeup();
    if (thread != null) {
      thread.join(30_000);
    }
  }
}
