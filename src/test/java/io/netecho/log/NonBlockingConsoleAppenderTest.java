package io.netecho.log;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console appender: every line in order, many per write, and a full queue that drops instead of waiting. */
@Timeout(30)
class NonBlockingConsoleAppenderTest {

  private static final Pattern REPORT = Pattern.compile(
    "\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d WARN  \\[log-capture\\] DroppedLogLines - (\\d+) log lines dropped: the log could not keep up");

  private static final String LOGGER = "io.netecho.log.test.Console";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  private ConsoleCapture console;

  @AfterEach
  void detach() {
    if (console != null) {
      console.close();
    }
  }

  @Test
  void linesAreWrittenInOrderManyPerWrite() throws Exception {
    console = ConsoleCapture.of(LOGGER, 8192);
    for (int i = 0; i < 2000; i++) {
      LOG.info("line {}", i);
    }
    console.await(line -> line.endsWith(" - line 1999"), 10_000);
    List<String> lines = console.lines();
    assertEquals(IntStream.range(0, 2000).mapToObj(i -> "line " + i).toList(),
      lines.stream().map(line -> line.substring(line.indexOf(" - ") + 3)).toList());
    // loose, for threads that share the CPUs with other work: the exact batching is LineWriterTest's
    assertTrue(console.writes() <= 1000, "2000 lines took " + console.writes() + " writes: not many per write");
  }

  @Test
  void stoppingWritesOutEveryQueuedLine() {
    console = ConsoleCapture.of(LOGGER, 8192);
    for (int i = 0; i < 500; i++) {
      LOG.info("before exit {}", i);
    }
    console.stop();
    List<String> lines = console.lines();
    assertEquals(500, lines.size());
    assertTrue(lines.get(499).endsWith(" - before exit 499"), lines.get(499));
  }

  @Test
  void aFullQueueDropsLinesWithoutWaitingAndCountsThem() {
    console = ConsoleCapture.of(LOGGER, 4);
    console.block();
    long droppedBefore = DroppedLogLines.total();
    long started = System.nanoTime();
    for (int i = 0; i < 10_000; i++) {
      LOG.info("flood {}", i);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    // taken: what the writer buffered before its write blocked (at most 64 KiB, some 1400 lines
    // here), and the 4 the queue holds; the rest is dropped
    assertTrue(console.dropped() >= 10_000 - 2000, "dropped " + console.dropped());
    assertEquals(console.dropped(), DroppedLogLines.total() - droppedBefore);
    // a logger that waited for the blocked output would never have got here
    assertTrue(millis < 10_000, "10 000 lines took " + millis + " ms");
  }

  @Test
  void onceTheOutputTakesLinesAgainOneLineSaysHowManyWereLost() throws Exception {
    console = ConsoleCapture.of(LOGGER, 4);
    console.block();
    for (int i = 0; i < 1000; i++) {
      LOG.info("flood {}", i);
    }
    long dropped = console.dropped();
    console.unblock();
    // one line as a rule; two when the writer found the queue empty once before its first write
    // blocked (the logging thread descheduled) and reported what was lost until then
    List<String> reports = console.awaitLines(lines -> ConsoleCapture.droppedReported(lines) == dropped, 10_000).stream()
      .filter(line -> line.contains("log lines dropped")).toList();
    reports.forEach(report -> assertTrue(REPORT.matcher(report).matches(), report));
    assertTrue(reports.size() == 1 || reports.size() == 2, String.join("\n", reports));
    LOG.info("after the flood");
    console.await(line -> line.endsWith(" - after the flood"), 10_000);
    long reported = ConsoleCapture.droppedReported(console.lines());
    assertEquals(dropped, reported, String.join("\n", reports));
  }

  @Test
  void stoppingGivesUpOnABlockedOutputAfterTheFlushTime() {
    console = ConsoleCapture.of(LOGGER, 64);
    console.block();
    LOG.info("never written");
    long started = System.nanoTime();
    console.stop();
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertTrue(millis < 10_000, "stop waited " + millis + " ms");
    assertEquals(List.of(), console.lines());
  }
}
