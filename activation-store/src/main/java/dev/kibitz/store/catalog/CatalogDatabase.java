package dev.kibitz.store.catalog;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;

/**
 * Where the catalog lives: PostgreSQL in a cluster, or an H2 file in PostgreSQL mode for the embedded
 * default. Opening migrates the schema with Flyway, so a new database is ready at once and an old one
 * is brought up to date.
 */
public final class CatalogDatabase implements AutoCloseable {
  private final String url;
  private final String user;
  private final String password;
  /**
   * H2 closes a database when its last connection closes and reopens it on the next; threads racing
   * through that window were seen to get an empty database. One connection held open prevents it.
   */
  private Connection keepAlive;

  private CatalogDatabase(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  public static CatalogDatabase open(String url, String user, String password) {
    if (url == null || !(url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:h2:"))) {
      throw new IllegalArgumentException("catalog URL '" + url + "' must be jdbc:postgresql:... or jdbc:h2:...");
    }
    CatalogDatabase db = new CatalogDatabase(url, user, password);
    if (url.startsWith("jdbc:h2:")) {
      try {
        db.keepAlive = db.connect();
      } catch (SQLException e) {
        throw new IllegalStateException("cannot open the embedded catalog " + url + ": " + e.getMessage(), e);
      }
    }
    Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration")
        .loggers("slf4j").load().migrate();
    return db;
  }

  /** An embedded H2 catalog stored in {@code dir}. */
  public static CatalogDatabase embedded(Path dir) {
    String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("catalog")
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    return open(url, "sa", "");
  }

  public String url() {
    return url;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  @Override
  public void close() {
    if (keepAlive != null) {
      try {
        keepAlive.close();
      } catch (SQLException ignored) {
        // closing for good; nothing to recover
      }
    }
  }
}
