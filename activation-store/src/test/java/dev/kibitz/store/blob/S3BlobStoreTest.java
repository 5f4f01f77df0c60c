package dev.kibitz.store.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kibitz.store.testing.S3ProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Runs {@link S3BlobStore} against a real S3 protocol implementation ({@link S3ProxyServer}: s3proxy over an
 * in-memory jclouds store on a free loopback port), so signing, path-style addressing, checksums and error mapping
 * are exercised on the wire.
 */
class S3BlobStoreTest {

  private static final String BUCKET = "kibitz-test";

  private static S3ProxyServer server;

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @TempDir
  Path tmp;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.start();
    try (S3BlobStore store = new S3BlobStore(settings(BUCKET, ""))) {
      store.ensureBucket();
    }
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  void closeClients() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private static S3Settings settings(String bucket, String prefix) {
    return server.settings(bucket, prefix);
  }

  private S3BlobStore store(String prefix) {
    S3BlobStore store = new S3BlobStore(settings(BUCKET, prefix));
    toClose.add(store);
    return store;
  }

  private S3Client rawClient() {
    S3Client client = S3BlobStore.newClient(settings(BUCKET, ""));
    toClose.add(client);
    return client;
  }

  private static byte[] pattern(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private Path staged(String name, byte[] bytes) throws IOException {
    return Files.write(tmp.resolve(name), bytes);
  }

  private static byte[] read(BlobStore store, String key) throws IOException {
    try (InputStream in = store.open(key)) {
      return in.readAllBytes();
    }
  }

  private List<String> listKeys(String prefix) {
    return rawClient().listObjectsV2(l -> l.bucket(BUCKET).prefix(prefix)).contents().stream()
        .map(S3Object::key).sorted().toList();
  }

  @Test
  void committedBlobReadsBackIdenticalBytesAndConsumesStagedFile() throws IOException {
    S3BlobStore store = store("roundtrip");
    byte[] bytes = pattern(3 * 1024 * 1024 + 17, 1);
    Path file = staged("shard.bin", bytes);

    store.commit("datasets/ds-1/batch-000003.safetensors", file);

    assertFalse(Files.exists(file));
    assertTrue(store.exists("datasets/ds-1/batch-000003.safetensors"));
    assertEquals(bytes.length, store.size("datasets/ds-1/batch-000003.safetensors"));
    assertArrayEquals(bytes, read(store, "datasets/ds-1/batch-000003.safetensors"));
  }

  @Test
  void emptyFileCommitsAsEmptyBlob() throws IOException {
    S3BlobStore store = store("empty");
    store.commit("zero.bin", staged("zero.bin", new byte[0]));

    assertTrue(store.exists("zero.bin"));
    assertEquals(0, store.size("zero.bin"));
    assertArrayEquals(new byte[0], read(store, "zero.bin"));
  }

  @Test
  void uriNamesBucketAndPrefixedKeyWithoutDoubleSlashes() {
    assertEquals("s3://kibitz-test/a/b.bin", store("").uri("a/b.bin"));
    assertEquals("s3://kibitz-test/a/b.bin", store(null).uri("a/b.bin"));
    assertEquals("s3://kibitz-test/runs/r1/a/b.bin", store("runs/r1").uri("a/b.bin"));
    assertEquals("s3://kibitz-test/runs/r1/a/b.bin", store("runs/r1/").uri("a/b.bin"));
    assertEquals("s3://kibitz-test/runs/a", store("/runs//").uri("a"));
  }

  @Test
  void keysMustBeRelative() {
    S3BlobStore store = store("p");
    assertThrows(IllegalArgumentException.class, () -> store.uri("/abs"));
    assertThrows(IllegalArgumentException.class, () -> store.exists(""));
  }

  @Test
  void missingKeyIsNoSuchFileExceptionNamingTheKey() throws IOException {
    S3BlobStore store = store("missing");

    NoSuchFileException fromOpen = assertThrows(NoSuchFileException.class, () -> store.open("nope/x.bin"));
    assertEquals("nope/x.bin", fromOpen.getFile());
    assertTrue(fromOpen.getMessage().contains("s3://kibitz-test/missing/nope/x.bin"), fromOpen.getMessage());
    NoSuchFileException fromSize = assertThrows(NoSuchFileException.class, () -> store.size("nope/x.bin"));
    assertEquals("nope/x.bin", fromSize.getFile());
    assertFalse(store.exists("nope/x.bin"));
  }

  @Test
  void deleteRemovesBlobAndToleratesMissingKey() throws IOException {
    S3BlobStore store = store("delete");
    store.commit("k.bin", staged("k.bin", pattern(1000, 2)));
    assertTrue(store.exists("k.bin"));

    store.delete("k.bin");

    assertFalse(store.exists("k.bin"));
    assertThrows(NoSuchFileException.class, () -> store.open("k.bin"));
    store.delete("k.bin");
    store.delete("never-written.bin");
  }

  @Test
  void keysLandUnderThePrefix() throws IOException {
    store("tenant-a/run-7").commit("x/y.bin", staged("y.bin", pattern(10, 3)));
    store("").commit("tenant-a-root.bin", staged("r.bin", pattern(10, 4)));

    assertEquals(List.of("tenant-a/run-7/x/y.bin"), listKeys("tenant-a/"));
    assertEquals(List.of("tenant-a-root.bin"), listKeys("tenant-a-root"));
    assertFalse(store("tenant-a").exists("x/y.bin"));
    assertTrue(store("tenant-a/").exists("run-7/x/y.bin"));
  }

  @Test
  void overwritingAKeyReplacesItsBytes() throws IOException {
    S3BlobStore store = store("overwrite");
    store.commit("k.bin", staged("first.bin", pattern(2 * 1024 * 1024, 5)));
    byte[] second = pattern(12345, 6);

    store.commit("k.bin", staged("second.bin", second));

    assertEquals(second.length, store.size("k.bin"));
    assertArrayEquals(second, read(store, "k.bin"));
    assertEquals(List.of("overwrite/k.bin"), listKeys("overwrite/"));
  }

  @Test
  void missingStagedFileFailsWithoutWriting() {
    S3BlobStore store = store("nostage");
    assertThrows(NoSuchFileException.class, () -> store.commit("k.bin", tmp.resolve("absent.bin")));
    assertEquals(List.of(), listKeys("nostage/"));
  }

  @Test
  void serverErrorsBecomeIOExceptionsNamingBucketAndKey() throws IOException {
    S3BlobStore wrongSecret =
        new S3BlobStore(new S3Settings(server.endpoint(), null, BUCKET, "p", server.accessKey(), "wrong"));
    toClose.add(wrongSecret);
    IOException e = assertThrows(IOException.class, () -> wrongSecret.open("k.bin"));
    assertFalse(e instanceof NoSuchFileException, e.toString());
    assertTrue(e.getMessage().contains("s3://kibitz-test/p/k.bin"), e.getMessage());
    Path file = staged("k.bin", pattern(10, 7));
    assertThrows(IOException.class, () -> wrongSecret.commit("k.bin", file));
    assertTrue(Files.exists(file), "a failed upload must leave the staged file for a retry");
  }

  @Test
  void missingBucketIsNotMistakenForMissingBlob() {
    S3BlobStore store = new S3BlobStore(settings("no-such-bucket", ""));
    toClose.add(store);
    IOException e = assertThrows(IOException.class, () -> store.open("k.bin"));
    assertFalse(e instanceof NoSuchFileException, e.toString());
    assertTrue(e.getMessage().contains("s3://no-such-bucket/k.bin"), e.getMessage());
  }

  @Test
  void ensureBucketCreatesOnceAndIsIdempotent() throws IOException {
    S3BlobStore store = new S3BlobStore(settings("fresh-bucket", "p"));
    toClose.add(store);
    store.ensureBucket();
    store.ensureBucket();
    store.commit("k.bin", staged("k.bin", pattern(10, 8)));
    assertTrue(store.exists("k.bin"));
  }

  @Test
  void settingsKeepTheSecretOutOfToString() {
    S3Settings s = settings(BUCKET, "p");
    assertFalse(s.toString().contains(server.secretKey()), s.toString());
    assertEquals("p/", s.prefix());
    URI endpoint = server.endpoint();
    assertThrows(IllegalArgumentException.class, () -> new S3Settings(endpoint, null, BUCKET, "", "a", null));
    assertThrows(IllegalArgumentException.class, () -> new S3Settings(endpoint, null, " ", "", null, null));
  }
}
