package io.netecho.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** At most one line a second of one kind, the rest summed up; time is a hand-driven clock. */
class RateLimitedLogTest {

  private static final String FORMAT = "connection limit {} reached: closing {}";

  private final Clock clock = new Clock();
  private final LoggerContext context = new LoggerContext();
  private final Logger logger = context.getLogger("io.netecho.Limited");
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private RateLimitedLog log;

  @BeforeEach
  void attach() {
    lines.setContext(context);
    lines.start();
    logger.addAppender(lines);
    log = new RateLimitedLog(logger, Level.WARN, FORMAT, clock::nanoTime, clock);
  }

  private List<String> texts() {
    return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void theFirstLineIsLoggedAtOnce() {
    log.log(2, "127.0.0.1:1");
    assertEquals(List.of("connection limit 2 reached: closing 127.0.0.1:1"), texts());
    assertEquals(ch.qos.logback.classic.Level.WARN, lines.list.get(0).getLevel());
  }

  @Test
  void linesWithinTheSecondAreCountedAndSummedUpWhenItEnds() {
    log.log(2, "127.0.0.1:1");
    clock.advance(100);
    for (int port = 2; port <= 42; port++) {
      log.log(2, "127.0.0.1:" + port);
    }
    assertEquals(1, texts().size());
    clock.advance(900);
    assertEquals(List.of("connection limit 2 reached: closing 127.0.0.1:1",
      "... and 41 more like it in the last second, the last: connection limit 2 reached: closing 127.0.0.1:42"), texts());
  }

  @Test
  void aSteadyFloodIsOneSummaryASecond() {
    log.log(2, "127.0.0.1:0");
    for (int ms = 10; ms <= 5000; ms += 10) {
      clock.advance(10);
      log.log(2, "127.0.0.1:" + ms);
    }
    List<String> texts = texts();
    // the first line, then a summary at the end of each of seconds 1 to 5
    assertEquals(6, texts.size(), texts.toString());
    for (String summary : texts.subList(1, 6)) {
      assertTrue(summary.startsWith("... and "), summary);
    }
  }

  @Test
  void afterAQuietSecondTheNextLineIsLoggedAtOnceAgain() {
    log.log(2, "127.0.0.1:1");
    clock.advance(1000);
    clock.advance(1000);
    log.log(2, "127.0.0.1:2");
    assertEquals(List.of("connection limit 2 reached: closing 127.0.0.1:1",
      "connection limit 2 reached: closing 127.0.0.1:2"), texts());
  }

  @Test
  void withoutATimerTheSummaryComesBeforeTheNextLineLogged() {
    log = new RateLimitedLog(logger, Level.WARN, FORMAT, clock::nanoTime, (millis, task) -> { });
    log.log(2, "127.0.0.1:1");
    log.log(2, "127.0.0.1:2");
    log.log(2, "127.0.0.1:3");
    clock.advance(5000);
    assertEquals(1, texts().size());
    log.log(2, "127.0.0.1:4");
    assertEquals(List.of("connection limit 2 reached: closing 127.0.0.1:1",
      "... and 2 more like it in the last second, the last: connection limit 2 reached: closing 127.0.0.1:3",
      "connection limit 2 reached: closing 127.0.0.1:4"), texts());
  }

  @Test
  void aLoneLineSetsNoTimer() {
    List<Runnable> timers = new ArrayList<>();
    log = new RateLimitedLog(logger, Level.WARN, FORMAT, clock::nanoTime, (millis, task) -> timers.add(task));
    log.log(2, "127.0.0.1:1");
    clock.advance(2000);
    log.log(2, "127.0.0.1:2");
    assertEquals(List.of(), timers);
    assertEquals(2, texts().size());
  }

  @Test
  void aTimerOfAnEarlierSecondDoesNotCutALaterOneShort() {
    // timers that run only when the test says, far too late
    List<Runnable> late = new ArrayList<>();
    log = new RateLimitedLog(logger, Level.WARN, FORMAT, clock::nanoTime, (millis, task) -> late.add(task));
    log.log(2, "127.0.0.1:1");
    clock.advance(500);
    log.log(2, "127.0.0.1:2");
    clock.advance(1000);
    // past the second: this line sums up the last one and opens the next
    log.log(2, "127.0.0.1:3");
    log.log(2, "127.0.0.1:4");
    late.get(0).run();
    assertEquals(List.of("connection limit 2 reached: closing 127.0.0.1:1",
      "... and 1 more like it in the last second, the last: connection limit 2 reached: closing 127.0.0.1:2",
      "connection limit 2 reached: closing 127.0.0.1:3"), texts());
    late.get(1).run();
    assertEquals("... and 1 more like it in the last second, the last: connection limit 2 reached: closing 127.0.0.1:4",
      texts().get(3));
  }

  @Test
  void aLevelThatIsOffIsNeitherLoggedNorCounted() {
    logger.setLevel(ch.qos.logback.classic.Level.ERROR);
    log.log(2, "127.0.0.1:1");
    log.log(2, "127.0.0.1:2");
    clock.advance(1000);
    assertEquals(List.of(), texts());
  }

  @Test
  void aCountingLogWritesItsFirstLineAndItsSummariesInOneFormatFromItsTally() {
    RateLimitedLog.Tally refused = new RateLimitedLog.Tally() {
      private int count;

      @Override
      public void add(Object[] args) {
        count++;
      }

      @Override
      public Object[] take() {
        Object[] args = count == 0 ? null : new Object[] {64, count};
        count = 0;
        return args;
      }
    };
    log = new RateLimitedLog(logger, Level.WARN, "{} open; closed {} new", "{} open; closed {} new", 10_000, refused,
      clock::nanoTime, clock);
    log.log(64);
    clock.advance(5_000);
    log.log(64);
    log.log(64);
    assertEquals(List.of("64 open; closed 1 new"), texts());
    // the window is ten seconds: its summary comes when they are over, in the same format
    clock.advance(5_000);
    assertEquals(List.of("64 open; closed 1 new", "64 open; closed 2 new"), texts());
    // a window without any: nothing to say, and the next one is written at once again
    clock.advance(20_000);
    log.log(64);
    assertEquals(List.of("64 open; closed 1 new", "64 open; closed 2 new", "64 open; closed 1 new"), texts());
  }

  /** Time that moves only when a test says so, running the timers that fall due on the way. */
  private static final class Clock implements RateLimitedLog.Timer {

    private record Due(long nanos, Runnable task) {
    }

    private long nanos = 1_000_000_000L;
    private final List<Due> timers = new ArrayList<>();

    long nanoTime() {
      return nanos;
    }

    @Override
    public void after(long millis, Runnable task) {
      timers.add(new Due(nanos + TimeUnit.MILLISECONDS.toNanos(millis), task));
    }

    void advance(long millis) {
      long until = nanos + TimeUnit.MILLISECONDS.toNanos(millis);
      Optional<Due> next;
      while ((next = timers.stream().filter(due -> due.nanos() <= until).min(Comparator.comparingLong(Due::nanos)))
        .isPresent()) {
        timers.remove(next.get());
        nanos = next.get().nanos();
        next.get().task().run();
      }
      nanos = until;
    }
  }
}
