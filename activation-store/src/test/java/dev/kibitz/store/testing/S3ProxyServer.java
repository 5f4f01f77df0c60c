package dev.kibitz.store.testing;

import dev.kibitz.store.blob.S3Settings;
import java.net.URI;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 protocol server for tests: s3proxy over jclouds' in-memory ("transient") store on a free loopback port,
 * so S3 clients are exercised on the wire (signing, path-style addressing, error mapping) without any cloud account.
 * Every bucket and object vanishes when the server is closed.
 */
public final class S3ProxyServer implements AutoCloseable {
  private static final String ACCESS_KEY = "test-access";
  private static final String SECRET_KEY = "test-secret";
  private static final long START_TIMEOUT_NANOS = 10_000_000_000L;

  private final BlobStoreContext jclouds;
  private final S3Proxy proxy;
  private final URI endpoint;

  private S3ProxyServer(BlobStoreContext jclouds, S3Proxy proxy) {
    this.jclouds = jclouds;
    this.proxy = proxy;
    this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** Starts a server and waits until it accepts requests; the caller closes it. */
  public static S3ProxyServer start() throws Exception {
    BlobStoreContext jclouds = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
        .build(BlobStoreContext.class);
    S3Proxy proxy = null;
    try {
      proxy = S3Proxy.builder()
          .blobStore(jclouds.getBlobStore())
          .endpoint(URI.create("http://127.0.0.1:0"))
          .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
          .build();
      proxy.start();
      long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
      while (!"STARTED".equals(proxy.getState())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("s3proxy did not start within 10 s: " + proxy.getState());
        }
        Thread.sleep(10);
      }
      return new S3ProxyServer(jclouds, proxy);
    } catch (Exception | Error e) {
      stop(proxy, jclouds);
      throw e;
    }
  }

  /** The server's base URI, http://127.0.0.1:port. */
  public URI endpoint() {
    return endpoint;
  }

  public String accessKey() {
    return ACCESS_KEY;
  }

  public String secretKey() {
    return SECRET_KEY;
  }

  /** Settings that reach {@code bucket} on this server with valid credentials (region us-east-1). */
  public S3Settings settings(String bucket, String prefix) {
    return new S3Settings(endpoint, "us-east-1", bucket, prefix, ACCESS_KEY, SECRET_KEY);
  }

  @Override
  public void close() throws Exception {
    stop(proxy, jclouds);
  }

  private static void stop(S3Proxy proxy, BlobStoreContext jclouds) throws Exception {
    try {
      if (proxy != null) {
        proxy.stop();
      }
    } finally {
      jclouds.close();
    }
  }
}
