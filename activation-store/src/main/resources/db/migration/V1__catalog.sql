-- The activation-store catalog. Portable between PostgreSQL (cluster) and H2 in PostgreSQL mode
-- (embedded default): plain types, times as epoch milliseconds, small JSON documents as text.

CREATE TABLE dataset (
  id           VARCHAR(40)  PRIMARY KEY,
  name         VARCHAR(128) NOT NULL UNIQUE,
  model        VARCHAR(200) NOT NULL,
  checkpoint   VARCHAR(200) NOT NULL,
  hook         VARCHAR(200) NOT NULL,
  input_set    VARCHAR(200) NOT NULL,
  dtype        VARCHAR(16)  NOT NULL,
  row_shape    VARCHAR(200) NOT NULL,
  labels       TEXT         NOT NULL,
  attributes   TEXT         NOT NULL,
  state        VARCHAR(16)  NOT NULL,
  row_count    BIGINT       NOT NULL,
  batch_count  INT          NOT NULL,
  created_at   BIGINT       NOT NULL,
  sealed_at    BIGINT,
  -- Set once DatasetSealed has been acknowledged by Kafka (the outbox marker).
  seal_announced_at BIGINT
);

CREATE INDEX dataset_by_model_hook ON dataset (model, hook, checkpoint);

-- One row per label a dataset carries, so datasets can be queried by label.
CREATE TABLE dataset_label (
  dataset_id VARCHAR(40)  NOT NULL REFERENCES dataset (id),
  name       VARCHAR(200) NOT NULL,
  PRIMARY KEY (dataset_id, name)
);

CREATE TABLE batch (
  dataset_id   VARCHAR(40)  NOT NULL REFERENCES dataset (id),
  batch_index  INT          NOT NULL,
  batch_id     VARCHAR(200) NOT NULL,
  row_count    BIGINT       NOT NULL,
  byte_count   BIGINT       NOT NULL,
  sha256       CHAR(64)     NOT NULL,
  -- CRC32C of the file: checked on every read (sha256 is the content's identity, too slow to recheck).
  crc32c       BIGINT       NOT NULL,
  blob_key     VARCHAR(500) NOT NULL,
  stored_at    BIGINT       NOT NULL,
  -- Set once BatchStored has been acknowledged by Kafka; null rows are re-announced.
  announced_at BIGINT,
  PRIMARY KEY (dataset_id, batch_index),
  UNIQUE (dataset_id, batch_id)
);

CREATE TABLE artifact (
  id                VARCHAR(40)  PRIMARY KEY,
  kind              VARCHAR(40)  NOT NULL,
  name              VARCHAR(200) NOT NULL,
  source_dataset_id VARCHAR(40)  REFERENCES dataset (id),
  blob_key          VARCHAR(500) NOT NULL,
  byte_count        BIGINT       NOT NULL,
  sha256            CHAR(64)     NOT NULL,
  crc32c            BIGINT       NOT NULL,
  attributes        TEXT         NOT NULL,
  created_at        BIGINT       NOT NULL,
  UNIQUE (kind, name)
);
