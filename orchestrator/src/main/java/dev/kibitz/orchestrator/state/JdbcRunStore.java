package dev.kibitz.orchestrator.state;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * {@link RunStore} in the catalog database: PostgreSQL in a cluster, an H2 file for the embedded default.
 * Its tables have their own Flyway history, so it can share a database with the activation store's catalog.
 */
public final class JdbcRunStore implements RunStore, AutoCloseable {
  private static final String UNIQUE_VIOLATION = "23505";
  private final String url;
  private final String user;
  private final String password;
  /** H2 drops a database whose last connection closes; one connection held open keeps it. */
  private Connection keepAlive;

  private JdbcRunStore(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  public static JdbcRunStore open(String url, String user, String password) {
    if (url == null || !(url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:h2:"))) {
      throw new IllegalArgumentException("run-state URL '" + url + "' must be jdbc:postgresql:... or jdbc:h2:...");
    }
    JdbcRunStore store = new JdbcRunStore(url, user, password);
    try {
      if (url.startsWith("jdbc:h2:")) {
        store.keepAlive = store.connect();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open " + url + ": " + e.getMessage(), e);
    }
    // baseline at 0 so V1 still runs in a database that already holds the store's catalog tables
    Flyway.configure().dataSource(url, user, password).locations("classpath:db/orchestrator")
        .table("flyway_orchestrator_history").baselineOnMigrate(true).baselineVersion("0")
        .loggers("slf4j").load().migrate();
    return store;
  }

  /** An H2 file {@code dir/orchestrator}. */
  public static JdbcRunStore embedded(Path dir) {
    return open("jdbc:h2:file:" + dir.toAbsolutePath().resolve("orchestrator")
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
  }

  @Override
  public void createRun(String id, String experiment, String spec, List<RunRecord.StepRecord> steps) {
    Timestamp now = Timestamp.from(Instant.now());
    transaction(c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO orchestrator_runs (id, experiment, spec, state, "
          + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
        p.setString(1, id);
        p.setString(2, experiment);
        p.setString(3, spec);
        p.setString(4, RunState.PENDING.name());
        p.setTimestamp(5, now);
        p.setTimestamp(6, now);
        p.executeUpdate();
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO orchestrator_run_steps (run_id, step, position, "
          + "type, digest, state, progress) VALUES (?, ?, ?, ?, ?, ?, 0)")) {
        for (int i = 0; i < steps.size(); i++) {
          RunRecord.StepRecord s = steps.get(i);
          p.setString(1, id);
          p.setString(2, s.name());
          p.setInt(3, i);
          p.setString(4, s.type());
          p.setString(5, s.digest());
          p.setString(6, StepState.PENDING.name());
          p.addBatch();
        }
        p.executeBatch();
      }
      return null;
    });
  }

  @Override
  public void runState(String id, RunState state, String message) {
    update("UPDATE orchestrator_runs SET state = ?, message = ?, updated_at = ? WHERE id = ?", state.name(), message,
        Timestamp.from(Instant.now()), id);
  }

  @Override
  public void runReport(String id, String report) {
    update("UPDATE orchestrator_runs SET report = ?, updated_at = ? WHERE id = ?", report,
        Timestamp.from(Instant.now()), id);
  }

  @Override
  public void stepState(String runId, String step, StepState state, double progress, String message) {
    Timestamp now = Timestamp.from(Instant.now());
    // a step starts when it goes RUNNING from another state (a running step may report progress 0 many
    // times); it ends when its state is final. SET expressions read the row as it was before the update.
    boolean starts = state == StepState.RUNNING;
    update("UPDATE orchestrator_run_steps SET state = ?, progress = ?, message = ?, "
        + "started_at = CASE WHEN CAST(? AS BOOLEAN) AND (state <> 'RUNNING' OR started_at IS NULL) "
        + "THEN CAST(? AS TIMESTAMP) WHEN CAST(? AS BOOLEAN) THEN NULL "
        + "ELSE started_at END, "
        + "finished_at = CASE WHEN CAST(? AS BOOLEAN) THEN CAST(? AS TIMESTAMP) ELSE NULL END "
        + "WHERE run_id = ? AND step = ?",
        state.name(), progress, message, starts, now, state == StepState.PENDING, state.isFinal(), now, runId, step);
  }

  @Override
  public Optional<RunRecord> run(String id) {
    List<RunRecord> r = query("WHERE id = ?", id, 1);
    return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
  }

  @Override
  public List<RunRecord> runs(int limit) {
    return query("", null, limit);
  }

  @Override
  public List<RunRecord> unfinished() {
    List<RunRecord> out = new ArrayList<>(query("WHERE state IN ('PENDING', 'RUNNING')", null, Integer.MAX_VALUE));
    java.util.Collections.reverse(out);
    return out;
  }

  @Override
  public Optional<JsonObject> output(String digest) {
    return transaction(c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT output FROM orchestrator_step_results WHERE digest = ?")) {
        p.setString(1, digest);
        try (ResultSet r = p.executeQuery()) {
          return r.next() ? Optional.of(JsonParser.parseString(r.getString(1)).getAsJsonObject()) : Optional.empty();
        }
      }
    });
  }

  @Override
  public void putOutput(String digest, String type, JsonObject output) {
    try {
      update("INSERT INTO orchestrator_step_results (digest, type, output, created_at) VALUES (?, ?, ?, ?)", digest,
          type, output.toString(), Timestamp.from(Instant.now()));
    } catch (IllegalStateException e) {
      if (!(e.getCause() instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState()))) {
        throw e;
      }
    }
  }

  private List<RunRecord> query(String where, String arg, int limit) {
    return transaction(c -> {
      List<RunRecord> out = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("SELECT id, experiment, spec, state, message, report, created_at, "
          + "updated_at FROM orchestrator_runs " + where + " ORDER BY created_at DESC, id DESC LIMIT " + limit)) {
        if (arg != null) {
          p.setString(1, arg);
        }
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            out.add(new RunRecord(r.getString(1), r.getString(2), r.getString(3), RunState.valueOf(r.getString(4)),
                r.getString(5), r.getString(6), r.getTimestamp(7).toInstant(), r.getTimestamp(8).toInstant(),
                steps(c, r.getString(1))));
          }
        }
      }
      return out;
    });
  }

  private static List<RunRecord.StepRecord> steps(Connection c, String runId) throws SQLException {
    List<RunRecord.StepRecord> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT step, type, digest, state, progress, message, started_at, "
        + "finished_at FROM orchestrator_run_steps WHERE run_id = ? ORDER BY position")) {
      p.setString(1, runId);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(new RunRecord.StepRecord(r.getString(1), r.getString(2), r.getString(3),
              StepState.valueOf(r.getString(4)), r.getDouble(5), r.getString(6), instant(r.getTimestamp(7)),
              instant(r.getTimestamp(8))));
        }
      }
    }
    return out;
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private void update(String sql, Object... args) {
    transaction(c -> {
      try (PreparedStatement p = c.prepareStatement(sql)) {
        for (int i = 0; i < args.length; i++) {
          p.setObject(i + 1, args[i]);
        }
        return p.executeUpdate();
      }
    });
  }

  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T transaction(Work<T> work) {
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("run-state database " + url + ": " + e.getMessage(), e);
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  @Override
  public void close() {
    if (keepAlive != null) {
      try {
        keepAlive.close();
      } catch (SQLException ignored) {
        // closing for good
      }
    }
  }
}
