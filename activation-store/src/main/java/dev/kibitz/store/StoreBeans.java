package dev.kibitz.store;

import dev.kibitz.store.blob.BlobStore;
import dev.kibitz.store.blob.LocalBlobStore;
import dev.kibitz.store.blob.S3BlobStore;
import dev.kibitz.store.blob.S3Settings;
import dev.kibitz.store.catalog.Catalog;
import dev.kibitz.store.catalog.CatalogDatabase;
import dev.kibitz.store.config.StoreConfig;
import dev.kibitz.store.grpc.GrpcStoreServer;
import dev.kibitz.store.kafka.KafkaAnnouncer;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Micronaut wiring: config -> catalog, blob store, announcer -> ActivationStore -> gRPC server. */
@Factory
public class StoreBeans {

  @Singleton
  @Bean(preDestroy = "close")
  ActivationStore activationStore(StoreConfig config) throws IOException {
    Path data = Path.of(config.getDataDir());
    CatalogDatabase db = config.getCatalogUrl().isEmpty() ? CatalogDatabase.embedded(data)
        : CatalogDatabase.open(config.getCatalogUrl(), config.getCatalogUser(), config.getCatalogPassword());
    Announcer announcer = config.getKafkaBootstrap().isEmpty() ? Announcer.NONE
        : new KafkaAnnouncer(config.getKafkaBootstrap(), config.getTopic(),
            Duration.ofSeconds(config.getAnnounceTimeoutSeconds()));
    return new ActivationStore(new Catalog(db), blobStore(config, data), data.resolve("staging"), announcer,
        Clock.systemUTC());
  }

  @Singleton
  @Bean(preDestroy = "stop")
  GrpcStoreServer grpcStoreServer(StoreConfig config, ActivationStore store) {
    return new GrpcStoreServer(config, store);
  }

  static BlobStore blobStore(StoreConfig config, Path data) throws IOException {
    return switch (config.getBackend()) {
      case "local" -> new LocalBlobStore(data.resolve("blobs"));
      case "s3" -> {
        S3BlobStore s3 = new S3BlobStore(new S3Settings(config.getS3Endpoint().isEmpty() ? null
            : URI.create(config.getS3Endpoint()), config.getS3Region(), config.getS3Bucket(), config.getS3Prefix(),
            config.getS3AccessKey(), config.getS3SecretKey()));
        s3.ensureBucket();
        yield s3;
      }
      default -> throw new IllegalArgumentException("kibitz.activation-store.backend must be local or s3, got '"
          + config.getBackend() + "'");
    };
  }
}
