package dev.kibitz.store.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;

/**
 * Fresh PostgreSQL databases for tests, on the server every build machine runs at 127.0.0.1:5432 (trust auth, user
 * postgres). Each test gets its own uniquely named database, so schema migrations and exact row counts are checked
 * against a truly empty catalog and tests never see each other's rows. An unreachable server fails the test: the
 * server is a promised part of the build environment, and a silent skip would hide lost coverage.
 */
public final class PostgresDatabases {
  public static final String HOST = "127.0.0.1";
  public static final int PORT = 5432;
  public static final String USER = "postgres";
  public static final String PASSWORD = "";
  private static final String ADMIN_URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres";
  private static final SecureRandom RANDOM = new SecureRandom();

  private PostgresDatabases() {}

  /** Creates an empty database named kibitz_test_&lt;random hex&gt;; close the result to drop it. */
  public static Database create() {
    byte[] suffix = new byte[8];
    RANDOM.nextBytes(suffix);
    String name = "kibitz_test_" + HexFormat.of().formatHex(suffix);
    try (Connection c = admin(); Statement s = c.createStatement()) {
      // template0 is never connected to, so concurrent creates cannot fail on a busy template1.
      s.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database " + name + ": " + e.getMessage(), e);
    }
    return new Database(name);
  }

  /** A connection to the maintenance database; fails the test with a clear message if the server is down. */
  private static Connection admin() {
    Properties p = new Properties();
    p.setProperty("user", USER);
    p.setProperty("password", PASSWORD);
    p.setProperty("connectTimeout", "10");
    try {
      return DriverManager.getConnection(ADMIN_URL, p);
    } catch (SQLException e) {
      return fail("PostgreSQL is required at " + HOST + ":" + PORT + " (user " + USER + ", trust auth) but "
          + ADMIN_URL + " is unreachable: " + e.getMessage(), e);
    }
  }

  /** One test database; {@link #close} terminates whatever is still connected to it and drops it. */
  public static final class Database implements AutoCloseable {
    private final String name;

    private Database(String name) {
      this.name = name;
    }

    public String name() {
      return name;
    }

    public String url() {
      return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
    }

    public String user() {
      return USER;
    }

    public String password() {
      return PASSWORD;
    }

    /** A new connection to this database; the caller closes it. */
    public Connection connect() throws SQLException {
      return DriverManager.getConnection(url(), USER, PASSWORD);
    }

    @Override
    public void close() throws SQLException {
      try (Connection c = admin()) {
        try (PreparedStatement s = c.prepareStatement(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
          s.setString(1, name);
          s.executeQuery().close();
        }
        try (Statement s = c.createStatement()) {
          s.execute("DROP DATABASE IF EXISTS " + name);
        }
      }
    }

    @Override
    public String toString() {
      return url();
    }
  }
}
