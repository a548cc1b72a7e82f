package io.netecho.it;

import org.junit.jupiter.api.AfterEach;

/** A test of one server process: whatever it started is stopped afterwards, pass or fail. */
abstract class ServerProcessTest {

  protected ServerProcess server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }
}
