-- Experiment runs, their steps' states, and the step-result cache keyed by the digest of a step's inputs.
CREATE TABLE orchestrator_runs (
  id          VARCHAR(64)  PRIMARY KEY,
  experiment  VARCHAR(64)  NOT NULL,
  spec        TEXT         NOT NULL,
  state       VARCHAR(16)  NOT NULL,
  message     TEXT         NOT NULL DEFAULT '',
  report      TEXT         NOT NULL DEFAULT '',
  created_at  TIMESTAMP    NOT NULL,
  updated_at  TIMESTAMP    NOT NULL
);
CREATE INDEX orchestrator_runs_state ON orchestrator_runs (state);

CREATE TABLE orchestrator_run_steps (
  run_id    VARCHAR(64)      NOT NULL REFERENCES orchestrator_runs (id),
  step      VARCHAR(64)      NOT NULL,
  position  INTEGER          NOT NULL,
  type      VARCHAR(64)      NOT NULL,
  digest    CHAR(64)         NOT NULL,
  state     VARCHAR(16)      NOT NULL,
  progress  DOUBLE PRECISION NOT NULL,
  message   TEXT             NOT NULL DEFAULT '',
  PRIMARY KEY (run_id, step)
);

CREATE TABLE orchestrator_step_results (
  digest      CHAR(64)     PRIMARY KEY,
  type        VARCHAR(64)  NOT NULL,
  output      TEXT         NOT NULL,
  created_at  TIMESTAMP    NOT NULL
);
