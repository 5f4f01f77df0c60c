-- When each step of a run started and ended: per-step wall time for progress views and benchmarks.
ALTER TABLE orchestrator_run_steps ADD COLUMN started_at TIMESTAMP;
ALTER TABLE orchestrator_run_steps ADD COLUMN finished_at TIMESTAMP;
