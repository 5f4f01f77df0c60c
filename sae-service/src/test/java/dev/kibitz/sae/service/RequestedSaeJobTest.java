package dev.kibitz.sae.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.core.tensor.DType;
import dev.kibitz.kafka.EmbeddedKafka;
import dev.kibitz.proto.v1.Artifact;
import dev.kibitz.proto.v1.Dataset;
import dev.kibitz.sae.Sae;
import dev.kibitz.sae.buffer.RowBatch;
import dev.kibitz.sae.buffer.RowSource;
import dev.kibitz.sae.checkpoint.SaeCheckpoint;
import dev.kibitz.sae.synthetic.SyntheticFeatures;
import dev.kibitz.sae.train.SaeTrainer;
import dev.kibitz.store.ActivationStoreApplication;
import dev.kibitz.store.catalog.DatasetKey;
import dev.kibitz.store.catalog.DatasetSpec;
import dev.kibitz.store.catalog.LabelSpec;
import dev.kibitz.store.client.ActivationStoreClient;
import dev.kibitz.store.grpc.GrpcStoreServer;
import dev.kibitz.store.kafka.EmbeddedKafkaExtension;
import dev.kibitz.store.kafka.StoreTopics;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs requested through the store (RequestWork, kind "sae") over a real broker: the sae-service trains
 * each once, bit-identical to the bare loop over the same batches, ignores a repeat, answers a bad spec
 * with a failure artifact, and (with no template) trains nothing it was not asked for.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class RequestedSaeJobTest {
  static final int BATCHES = 6;

  @TempDir
  Path dir;

  @Test
  void aRequestedJobIsTrainedOnceAndABadOneIsAnswered(EmbeddedKafka kafka) throws Exception {
    kafka.createTopic(StoreTopics.STORE_EVENTS, 2);
    ApplicationContext store = ActivationStoreApplication.start(Map.of("kibitz.activation-store.port", 0,
        "kibitz.activation-store.data-dir", dir.resolve("store").toString(),
        "kibitz.activation-store.kafka-bootstrap", kafka.bootstrapServers()));
    int port = store.getBean(GrpcStoreServer.class).port();
    try (ActivationStoreClient client = new ActivationStoreClient("127.0.0.1", port, 30);
        SaeService service = new SaeService("127.0.0.1", port, kafka.bootstrapServers(), StoreTopics.STORE_EVENTS,
            null, "", dir.resolve("sae"), -1).start()) {
      Dataset d = client.createDataset(new DatasetSpec("requested", new DatasetKey("synthetic", "seed-5", "resid",
          "features-40"), DType.FLOAT32, new long[] {16}, List.of(new LabelSpec("input_id", DType.INT64,
              new long[0])), Map.of()));
      SyntheticFeatures features = new SyntheticFeatures(SyntheticFeatures.Spec.independent(16, 40, 0.06, 96, 5));
      for (int i = 0; i < BATCHES; i++) {
        RowBatch b = features.batch(i);
        client.writeBatch(d.getId(), "b" + i, b.rows(), List.of(b.ids()));
      }
      StatusRuntimeException open = assertThrows(StatusRuntimeException.class,
          () -> client.requestWork("requested", SaeJobs.WORK_KIND, "early", "{}"));
      assertEquals(Status.Code.FAILED_PRECONDITION, open.getStatus().getCode());
      client.seal(d.getId());

      SaeJobSpec spec = new SaeJobSpec("topk", 3, 64, 60, 3);
      client.requestWork("requested", SaeJobs.WORK_KIND, spec.name(), spec.json());
      String prefix = "requested/" + spec.name() + "/";
      SaeServiceTest.awaitTrue(() -> names(client, SaeJobs.ARTIFACT_KIND, d.getId()).size() == 2);
      assertEquals(List.of(prefix + SaeCheckpoint.CONFIG, prefix + SaeCheckpoint.WEIGHTS),
          names(client, SaeJobs.ARTIFACT_KIND, d.getId()));

      // the same weights as the bare loop with the spec's config over the batches in order
      Sae bare = new SaeTrainer(spec.config(16)).train(RowSource.cycling(BATCHES, features::batch), null,
          (s, st) -> true).sae();
      Path got = Files.createDirectories(dir.resolve("got"));
      for (String file : List.of(SaeCheckpoint.WEIGHTS, SaeCheckpoint.CONFIG)) {
        Files.write(got.resolve(file), client.getArtifact(SaeJobs.ARTIFACT_KIND, prefix + file));
      }
      Sae served = SaeCheckpoint.load(got);
      bare.weights().forEach((k, v) -> assertTrue(v.sameAs(served.weights().get(k)), k + " differs"));

      // a repeat, then a bad spec on the same dataset (so consumed after the repeat): one answer each
      client.requestWork("requested", SaeJobs.WORK_KIND, spec.name(), spec.json());
      client.requestWork("requested", SaeJobs.WORK_KIND, "bad", "{\"architecture\": \"nope\", \"sparsity\": 1, "
          + "\"width\": 8, \"steps\": 1, \"seed\": 0}");
      SaeServiceTest.awaitTrue(() -> !names(client, SaeJobs.FAILURE_KIND, d.getId()).isEmpty());
      assertEquals("bad SAE job spec: architecture must be one of [relu-l1, gated, topk, jumprelu], got 'nope'",
          new String(client.getArtifact(SaeJobs.FAILURE_KIND, "requested/bad/error.txt"), StandardCharsets.UTF_8));
      assertEquals(2, names(client, SaeJobs.ARTIFACT_KIND, d.getId()).size(), "the repeat trained nothing");
      try (Stream<Path> jobs = Files.list(dir.resolve("sae").resolve("requested"))) {
        assertEquals(List.of(spec.name()), jobs.map(p -> p.getFileName().toString()).toList(),
            "no job of its own on the announced dataset, no folder for the bad spec");
      }
    } finally {
      store.close();
    }
  }

  private static List<String> names(ActivationStoreClient client, String kind, String dataset) {
    return client.artifacts(kind, dataset).stream().map(Artifact::getName).sorted().toList();
  }
}
