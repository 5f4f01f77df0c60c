package dev.kibitz.store.blob;

import java.net.URI;

/**
 * Where an {@link S3BlobStore} keeps its blobs. A null {@code endpoint} means AWS itself; any other endpoint (MinIO,
 * s3proxy, Ceph) is treated as S3-compatible and addressed path-style. Null credentials defer to the SDK's default
 * chain (environment, profile, instance role) so that deployed services carry no secrets in configuration.
 *
 * @param endpoint  the service URI, or null for AWS
 * @param region    signing region; null means us-east-1, which S3-compatible servers accept
 * @param bucket    the bucket that holds every blob
 * @param prefix    prepended to every key ("" or null for none; a missing trailing '/' is added)
 * @param accessKey static access key, or null for the default credential chain
 * @param secretKey static secret key, or null for the default credential chain
 */
public record S3Settings(URI endpoint, String region, String bucket, String prefix, String accessKey,
    String secretKey) {

  public S3Settings {
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException("S3 bucket must be set");
    }
    if ((accessKey == null) != (secretKey == null)) {
      throw new IllegalArgumentException("S3 access key and secret key must be given together");
    }
    region = region == null || region.isBlank() ? "us-east-1" : region;
    prefix = normalizePrefix(prefix);
  }

  /** "" stays empty; anything else ends with exactly one '/', so prefix + key never has "//" or a leading '/'. */
  private static String normalizePrefix(String prefix) {
    if (prefix == null) {
      return "";
    }
    String p = prefix.strip();
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.isEmpty() ? "" : p + "/";
  }

  /** Keeps the secret key out of logs and exception messages. */
  @Override
  public String toString() {
    return "S3Settings[endpoint=" + (endpoint == null ? "aws" : endpoint) + ", region=" + region + ", bucket=" + bucket
        + ", prefix=" + prefix + ", accessKey=" + accessKey + ", secretKey=" + (secretKey == null ? null : "***") + "]";
  }
}
