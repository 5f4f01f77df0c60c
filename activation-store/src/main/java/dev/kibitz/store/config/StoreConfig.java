package dev.kibitz.store.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/** Settings under {@code kibitz.activation-store} (application.yml, env KIBITZ_ACTIVATION_STORE_*, CLI). */
@ConfigurationProperties("kibitz.activation-store")
public class StoreConfig {
  /** Address to bind; 0.0.0.0 for every interface. */
  private String host = "0.0.0.0";
  /** 0 picks a free port. */
  private int port = 50052;
  /** Local shards, staging files and the embedded catalog live here. */
  private String dataDir = System.getProperty("user.home") + "/.kibitz/store";
  /** local (files under data-dir) or s3. */
  private String backend = "local";
  /** JDBC URL of the catalog (jdbc:postgresql://...); empty = embedded H2 under data-dir. */
  private String catalogUrl = "";
  /** Catalog user (PostgreSQL). */
  private String catalogUser = "postgres";
  /** Catalog password (PostgreSQL). */
  private String catalogPassword = "";
  /** S3-compatible endpoint (http://minio:9000); empty = AWS. */
  private String s3Endpoint = "";
  /** S3 region. */
  private String s3Region = "us-east-1";
  /** S3 bucket (created if missing). */
  private String s3Bucket = "kibitz-activations";
  /** Key prefix inside the bucket. */
  private String s3Prefix = "";
  /** S3 access key; empty = the SDK's default credential chain. */
  private String s3AccessKey = "";
  /** S3 secret key. */
  private String s3SecretKey = "";
  /** Kafka bootstrap servers; empty = announce nothing (a store with no subscribers). */
  private String kafkaBootstrap = "";
  /** Topic for BatchStored and DatasetSealed. */
  private String topic = "kibitz.store.events";
  /** How long one announcement may wait for Kafka's acknowledgement. */
  private int announceTimeoutSeconds = 30;
  /** How often unacknowledged announcements are retried. */
  private int announceRetrySeconds = 10;
  /** Bytes per ReadBatch data message. */
  private int chunkBytes = 1 << 20;
  /** Largest WriteBatch message accepted; send data in chunks of 1 to 4 MiB. */
  private int maxInboundMessageBytes = 8 << 20;
  /** How long shutdown waits for in-flight calls. */
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

  public String getDataDir() {
    return dataDir;
  }

  public void setDataDir(String dataDir) {
    this.dataDir = dataDir;
  }

  public String getBackend() {
    return backend;
  }

  public void setBackend(String backend) {
    this.backend = backend;
  }

  public String getCatalogUrl() {
    return catalogUrl;
  }

  public void setCatalogUrl(String catalogUrl) {
    this.catalogUrl = catalogUrl;
  }

  public String getCatalogUser() {
    return catalogUser;
  }

  public void setCatalogUser(String catalogUser) {
    this.catalogUser = catalogUser;
  }

  public String getCatalogPassword() {
    return catalogPassword;
  }

  public void setCatalogPassword(String catalogPassword) {
    this.catalogPassword = catalogPassword;
  }

  public String getS3Endpoint() {
    return s3Endpoint;
  }

  public void setS3Endpoint(String s3Endpoint) {
    this.s3Endpoint = s3Endpoint;
  }

  public String getS3Region() {
    return s3Region;
  }

  public void setS3Region(String s3Region) {
    this.s3Region = s3Region;
  }

  public String getS3Bucket() {
    return s3Bucket;
  }

  public void setS3Bucket(String s3Bucket) {
    this.s3Bucket = s3Bucket;
  }

  public String getS3Prefix() {
    return s3Prefix;
  }

  public void setS3Prefix(String s3Prefix) {
    this.s3Prefix = s3Prefix;
  }

  public String getS3AccessKey() {
    return s3AccessKey;
  }

  public void setS3AccessKey(String s3AccessKey) {
    this.s3AccessKey = s3AccessKey;
  }

  public String getS3SecretKey() {
    return s3SecretKey;
  }

  public void setS3SecretKey(String s3SecretKey) {
    this.s3SecretKey = s3SecretKey;
  }

  public String getKafkaBootstrap() {
    return kafkaBootstrap;
  }

  public void setKafkaBootstrap(String kafkaBootstrap) {
    this.kafkaBootstrap = kafkaBootstrap;
  }

  public String getTopic() {
    return topic;
  }

  public void setTopic(String topic) {
    this.topic = topic;
  }

  public int getAnnounceTimeoutSeconds() {
    return announceTimeoutSeconds;
  }

  public void setAnnounceTimeoutSeconds(int announceTimeoutSeconds) {
    this.announceTimeoutSeconds = announceTimeoutSeconds;
  }

  public int getAnnounceRetrySeconds() {
    return announceRetrySeconds;
  }

  public void setAnnounceRetrySeconds(int announceRetrySeconds) {
    this.announceRetrySeconds = announceRetrySeconds;
  }

  public int getChunkBytes() {
    return chunkBytes;
  }

  public void setChunkBytes(int chunkBytes) {
    this.chunkBytes = chunkBytes;
  }

  public int getMaxInboundMessageBytes() {
    return maxInboundMessageBytes;
  }

  public void setMaxInboundMessageBytes(int maxInboundMessageBytes) {
    this.maxInboundMessageBytes = maxInboundMessageBytes;
  }

  public int getShutdownGraceSeconds() {
    return shutdownGraceSeconds;
  }

  public void setShutdownGraceSeconds(int shutdownGraceSeconds) {
    this.shutdownGraceSeconds = shutdownGraceSeconds;
  }
}
