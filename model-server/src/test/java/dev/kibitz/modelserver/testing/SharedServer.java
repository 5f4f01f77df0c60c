package dev.kibitz.modelserver.testing;

import dev.kibitz.modelserver.client.ModelServerClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of test classes that share one default-config server and client over loopback. */
public abstract class SharedServer {
  protected static TestServer server;
  protected static ModelServerClient client;

  @BeforeAll
  static void startSharedServer() throws Exception {
    server = TestServer.start();
    client = server.newClient();
  }

  @AfterAll
  static void stopSharedServer() throws Exception {
    client.close();
    server.close();
  }
}
