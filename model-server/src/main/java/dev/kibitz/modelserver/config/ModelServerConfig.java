package dev.kibitz.modelserver.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/** Settings under {@code kibitz.model-server} (application.yml, env KIBITZ_MODEL_SERVER_*, CLI). */
@ConfigurationProperties("kibitz.model-server")
public class ModelServerConfig {
  /** Address to bind; 0.0.0.0 for every interface. */
  private String host = "0.0.0.0";
  /** 0 picks a free port. */
  private int port = 50051;
  /** cpu, gpu (fails at start when no GPU is present) or auto. */
  private String device = "cpu";
  /**
   * Largest request message the server accepts; larger ones get RESOURCE_EXHAUSTED. An {@code sae}
   * intervention carries the SAE's weights in the session's opening message: 128 MiB holds a 4096 x 4096
   * one (a 4096 x 1024 SAE on a chess block is 33.6 MB).
   */
  private int maxInboundMessageBytes = 128 << 20;
  /** Default largest TensorPart payload; sessions may ask for 1 KiB to 4 MiB. */
  private int defaultChunkBytes = 1 << 20;
  /** Threads running forward passes (each pass also uses the engine's intra-op threads). */
  private int forwardThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
  private int maxSessions = 64;
  /** TorchScript model package directories served at start (docs/byo-models.md); a bad one stops the start. */
  private java.util.List<String> packages = java.util.List.of();
  /** Serve packages whose outputs differ from their recorded PyTorch outputs past the tolerance. */
  private boolean allowParityFailure = false;
  /** How long shutdown waits for in-flight batches before cutting calls. */
  private int shutdownGraceSeconds = 30;

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public int getPort() {
    return port;
  }

  public void setPort(int port) {
    this.port = port;
  }

  public String getDevice() {
    return device;
  }

  public void setDevice(String device) {
    this.device = device;
  }

  public int getMaxInboundMessageBytes() {
    return maxInboundMessageBytes;
  }

  public void setMaxInboundMessageBytes(int maxInboundMessageBytes) {
    this.maxInboundMessageBytes = maxInboundMessageBytes;
  }

  public int getDefaultChunkBytes() {
    return defaultChunkBytes;
  }

  public void setDefaultChunkBytes(int defaultChunkBytes) {
    this.defaultChunkBytes = defaultChunkBytes;
  }

  public int getForwardThreads() {
    return forwardThreads;
  }

  public void setForwardThreads(int forwardThreads) {
    this.forwardThreads = forwardThreads;
  }

  public int getMaxSessions() {
    return maxSessions;
  }

  public void setMaxSessions(int maxSessions) {
    this.maxSessions = maxSessions;
  }

  public int getShutdownGraceSeconds() {
    return shutdownGraceSeconds;
  }

  public void setShutdownGraceSeconds(int shutdownGraceSeconds) {
    this.shutdownGraceSeconds = shutdownGraceSeconds;
  }

  public java.util.List<String> getPackages() {
    return packages;
  }

  public void setPackages(java.util.List<String> packages) {
    this.packages = java.util.List.copyOf(packages);
  }

  public boolean isAllowParityFailure() {
    return allowParityFailure;
  }

  public void setAllowParityFailure(boolean allowParityFailure) {
    this.allowParityFailure = allowParityFailure;
  }
}
