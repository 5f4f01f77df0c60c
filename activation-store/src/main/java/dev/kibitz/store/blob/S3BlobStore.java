package dev.kibitz.store.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A {@link BlobStore} on S3 or an S3-compatible server, so shards written on one machine can be read by trainers on
 * others. A completed PutObject is the durability point: S3 never exposes a partially written object, so no
 * temporary key or rename is needed and readers see either nothing or the whole blob.
 *
 * <p>For non-AWS endpoints the client addresses buckets path-style (most compatible servers have no wildcard DNS) and
 * computes checksums only when an operation requires them, since many such servers reject the SDK's newer default
 * of trailing CRC checksums. The blocking URLConnection client keeps the dependency footprint small; uploads are
 * single PutObjects, which is enough for shard-sized files (S3 allows up to 5 GiB per PUT).
 */
public final class S3BlobStore implements BlobStore {

  private final S3Client client;
  private final String bucket;
  private final String prefix;
  private final S3Settings settings;

  public S3BlobStore(S3Settings settings) {
    this.settings = settings;
    this.client = newClient(settings);
    this.bucket = settings.bucket();
    this.prefix = settings.prefix();
  }

  /** A client configured as this store configures its own; for tools and tests that need raw S3 access. */
  public static S3Client newClient(S3Settings settings) {
    S3ClientBuilder builder = S3Client.builder()
        .region(Region.of(settings.region()))
        .httpClientBuilder(UrlConnectionHttpClient.builder());
    if (settings.accessKey() != null) {
      builder.credentialsProvider(
          StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())));
    }
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint())
          .forcePathStyle(true)
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    return builder.build();
  }

  /**
   * Creates the bucket unless it already exists, so an embedded or test setup can start from an empty server.
   * Production buckets are expected to be provisioned (with their lifecycle and access policies) ahead of time.
   */
  public void ensureBucket() throws IOException {
    try {
      client.headBucket(b -> b.bucket(bucket));
      return;
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        throw failure("check bucket", "s3://" + bucket, e);
      }
    } catch (SdkException e) {
      throw failure("check bucket", "s3://" + bucket, e);
    }
    CreateBucketRequest.Builder create = CreateBucketRequest.builder().bucket(bucket);
    // AWS rejects an explicit us-east-1 constraint and requires one everywhere else; other servers ignore it.
    if (settings.endpoint() == null && !Region.US_EAST_1.id().equals(settings.region())) {
      create.createBucketConfiguration(CreateBucketConfiguration.builder()
          .locationConstraint(BucketLocationConstraint.fromValue(settings.region())).build());
    }
    try {
      client.createBucket(create.build());
    } catch (BucketAlreadyOwnedByYouException e) {
      // Created concurrently by another process; that is what we wanted.
    } catch (SdkException e) {
      throw failure("create bucket", "s3://" + bucket, e);
    }
  }

  @Override
  public void commit(String key, Path stagedFile) throws IOException {
    String objectKey = objectKey(key);
    long length = Files.size(stagedFile);
    try {
      client.putObject(p -> p.bucket(bucket).key(objectKey).contentLength(length),
          RequestBody.fromFile(stagedFile));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (SdkException e) {
      throw failure("upload " + stagedFile + " to", uri(key), e);
    }
    try {
      Files.delete(stagedFile);
    } catch (IOException e) {
      throw new IOException(uri(key) + " is committed but staged file " + stagedFile + " could not be deleted", e);
    }
  }

  @Override
  public InputStream open(String key) throws IOException {
    try {
      return client.getObject(g -> g.bucket(bucket).key(objectKey(key)));
    } catch (SdkException e) {
      throw translate("read", key, e);
    }
  }

  @Override
  public long size(String key) throws IOException {
    try {
      return client.headObject(h -> h.bucket(bucket).key(objectKey(key))).contentLength();
    } catch (SdkException e) {
      throw translate("stat", key, e);
    }
  }

  @Override
  public boolean exists(String key) throws IOException {
    try {
      size(key);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  @Override
  public void delete(String key) throws IOException {
    try {
      client.deleteObject(d -> d.bucket(bucket).key(objectKey(key)));
    } catch (SdkException e) {
      if (!isMissingKey(e)) {
        throw failure("delete", uri(key), e);
      }
    }
  }

  @Override
  public String uri(String key) {
    return "s3://" + bucket + "/" + objectKey(key);
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "S3BlobStore[" + settings + "]";
  }

  /** Keys are relative; a leading '/' would produce "prefix//key", an object no other reader would look for. */
  private String objectKey(String key) {
    if (key == null || key.isEmpty() || key.startsWith("/")) {
      throw new IllegalArgumentException("blob key must be a non-empty relative path: " + key);
    }
    return prefix + key;
  }

  private IOException translate(String action, String key, SdkException e) {
    if (isMissingKey(e)) {
      NoSuchFileException missing = new NoSuchFileException(key, null, "no such object " + uri(key));
      missing.initCause(e);
      return missing;
    }
    return failure(action, uri(key), e);
  }

  /**
   * GetObject reports NoSuchKey; HEAD responses carry no body, so a bare 404 is all there is. A missing bucket
   * (NoSuchBucket) is a configuration error, not a missing blob, and must not read as "not yet written".
   */
  private static boolean isMissingKey(SdkException e) {
    if (e instanceof NoSuchKeyException) {
      return true;
    }
    if (e instanceof S3Exception s3 && s3.statusCode() == 404) {
      String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
      return !"NoSuchBucket".equals(code);
    }
    return false;
  }

  private static IOException failure(String action, String target, SdkException e) {
    return new IOException("S3 could not " + action + " " + target + ": " + e.getMessage(), e);
  }
}
