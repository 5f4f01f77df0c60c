package dev.kibitz.store.grpc;

import dev.kibitz.kafka.EmbeddedKafka;

/** The store service contract on a real single-node KRaft broker inside the test JVM. */
class StoreServiceTest extends StoreServiceContract {
  private EmbeddedKafka kafka;

  @Override
  String startKafka() throws Exception {
    kafka = EmbeddedKafka.start();
    return kafka.bootstrapServers();
  }

  @Override
  void stopKafka() throws Exception {
    kafka.close();
  }
}
