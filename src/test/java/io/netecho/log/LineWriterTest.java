package io.netecho.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer's batching, on a clock the test turns: lines are logged at set times, and the writer's
 * waits (its lingers, its sleep) are what move the clock to them. Exact where the console test,
 * which runs on real threads, can only be loose.
 */
@Timeout(30)
class LineWriterTest {

  private static final LoggerContext CONTEXT = new LoggerContext();
  private static final Logger LOGGER = CONTEXT.getLogger("io.netecho.log.test.Writer");
  private static final long MICROS = TimeUnit.MICROSECONDS.toNanos(1);

  /** One write to the output: when, and the lines it carried. */
  private record Write(long atNanos, List<String> lines) {
  }

  @Test
  void aBurstOfLinesLeavesInWritesOfSixtyFourKibibytes() {
    Script script = new Script(IntStream.range(0, 2000).mapToLong(i -> 0).toArray());
    List<Write> writes = script.run();
    assertEquals(script.logged(), writes.stream().flatMap(write -> write.lines().stream()).toList());
    int bytes = script.logged().stream().mapToInt(line -> line.length() + 1).sum();
    assertEquals(bytes / LineWriter.FLUSH_AT + 1, writes.size(), "2000 lines, " + bytes + " bytes");
  }

  @Test
  void aSteadyStreamLeavesALingersWorthOfLinesPerWrite() {
    // a line every 50 µs: twenty to a linger of a millisecond
    Script script = new Script(IntStream.range(0, 2000).mapToLong(i -> i * 50 * MICROS).toArray());
    List<Write> writes = script.run();
    assertEquals(script.logged(), writes.stream().flatMap(write -> write.lines().stream()).toList());
    assertTrue(writes.size() <= 2000 / 20 + 1, "2000 lines took " + writes.size() + " writes");
    assertEveryLineOutWithinALinger(script, writes);
  }

  @Test
  void aLineAfterASilenceIsWrittenALingerAfterItWasLogged() {
    // a second apart: the writer has gone to sleep before each, and a logger wakes it
    Script script = new Script(IntStream.range(0, 5).mapToLong(i -> TimeUnit.SECONDS.toNanos(i + 1)).toArray());
    List<Write> writes = script.run();
    assertEquals(5, writes.size());
    for (int i = 0; i < 5; i++) {
      assertEquals(List.of(script.logged().get(i)), writes.get(i).lines());
      assertEquals(script.at[i] + LineWriter.LINGER_NANOS, writes.get(i).atNanos());
    }
  }

  private static void assertEveryLineOutWithinALinger(Script script, List<Write> writes) {
    int line = 0;
    for (Write write : writes) {
      for (int i = 0; i < write.lines().size(); i++, line++) {
        long waited = write.atNanos() - script.at[line];
        assertTrue(waited >= 0 && waited <= LineWriter.LINGER_NANOS, "line " + line + " waited " + waited + " ns");
      }
    }
  }

  /**
   * Lines logged at the times {@code at} (nanoseconds, in order) into the writer's queue, and the
   * writer run on the test's thread: its lingers move the clock on, its sleep lasts until the next
   * line is logged, and it ends once the last line is written.
   */
  private static final class Script implements LineWriter.Clock {

    final long[] at;
    private final BlockingQueue<ILoggingEvent> queue = new ArrayBlockingQueue<>(8192);
    private final List<String> logged = new ArrayList<>();
    private final List<Write> writes = new ArrayList<>();
    private final LineWriter writer;
    private int next;
    private long now;

    Script(long[] at) {
      this.at = at;
      ContextAwareBase status = new ContextAwareBase();
      status.setContext(CONTEXT);
      writer = new LineWriter(this, queue, () -> new Lines(), () -> new Output(), new LongAdder(), LOGGER, status);
    }

    List<Write> run() {
      arrive();
      writer.run();
      assertEquals(at.length, logged.size(), "the writer ended before every line was logged");
      return writes;
    }

    List<String> logged() {
      return logged;
    }

    /** Logs every line whose time has come. */
    private void arrive() {
      while (next < at.length && at[next] <= now) {
        String text = "line " + next;
        queue.add(new LoggingEvent(LineWriterTest.class.getName(), LOGGER, Level.INFO, text, null, null));
        logged.add(text);
        next++;
      }
    }

    /** Once the last line is logged and taken, the writer waits for nothing more: it may end. */
    private void endOnceAllTaken() {
      if (next == at.length && queue.isEmpty()) {
        writer.endWhenEmpty();
      }
    }

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void parkNanos(Object blocker, long nanos) {
      endOnceAllTaken();
      now += nanos;
      arrive();
    }

    @Override
    public void park(Object blocker) {
      // asleep until a logger wakes it: the next line
      endOnceAllTaken();
      if (next < at.length) {
        now = Math.max(now, at[next]);
        arrive();
      }
    }

    /** The output: each write taken at the script's time. */
    private final class Output extends OutputStream {

      @Override
      public void write(int b) {
        throw new AssertionError("the writer writes whole buffers");
      }

      @Override
      public void write(byte[] b, int off, int len) {
        String text = new String(b, off, len, StandardCharsets.UTF_8);
        writes.add(new Write(now, text.lines().toList()));
      }
    }
  }

  /** Each line as its message and a newline. */
  private static final class Lines extends EncoderBase<ILoggingEvent> {

    @Override
    public byte[] headerBytes() {
      return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
      return (event.getFormattedMessage() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
      return null;
    }
  }
}
