package io.netecho.log;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code log.format}: the console switches between the text line and one JSON object per line. */
@Timeout(30)
class LogFormatTest {

  private ConsoleCapture console;

  @AfterEach
  void backToText() {
    LogFormat.TEXT.apply();
    if (console != null) {
      console.close();
    }
  }

  @Test
  void jsonLinesHaveTimeLevelThreadLoggerMessageAndThePeer() throws Exception {
    console = ConsoleCapture.of(LogFormatTest.class, 64);
    LogFormat.JSON.apply();
    long before = System.currentTimeMillis();
    PeerLog log = PeerLog.of(LogFormatTest.class);
    log.info("127.0.0.1:40000", "connected {}", "127.0.0.1:40000");
    JsonObject line = new JsonObject(console.await(text -> text.contains("connected"), 10_000));
    assertTrue(line.getLong("timestamp") >= before, line.encode());
    assertEquals("INFO", line.getString("level"));
    assertEquals(Thread.currentThread().getName(), line.getString("threadName"));
    assertEquals(LogFormatTest.class.getName(), line.getString("loggerName"));
    assertEquals("connected 127.0.0.1:40000", line.getString("formattedMessage"));
    assertEquals(new JsonArray().add(new JsonObject().put("peer", "127.0.0.1:40000")), line.getJsonArray("kvpList"));
    assertNull(line.getValue("throwable"));
  }

  @Test
  void backToTextTheLineIsThePatternsAgain() throws Exception {
    console = ConsoleCapture.of(LogFormatTest.class, 64);
    LogFormat.JSON.apply();
    LogFormat.TEXT.apply();
    PeerLog.of(LogFormatTest.class).info("127.0.0.1:40000", "connected {}", "127.0.0.1:40000");
    String line = console.await(text -> text.contains("connected"), 10_000);
    assertTrue(line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d INFO  \\[.*\\] LogFormatTest - connected 127.0.0.1:40000"), line);
  }
}
