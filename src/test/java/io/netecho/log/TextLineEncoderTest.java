package io.netecho.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Random;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hand-written text line is byte for byte logback's pattern layout of the same pattern. */
class TextLineEncoderTest {

  private final LoggerContext context = new LoggerContext();
  private PatternLayoutEncoder pattern;
  private TextLineEncoder text;

  @BeforeEach
  void start() {
    pattern = new PatternLayoutEncoder();
    text = new TextLineEncoder();
    pattern.setContext(context);
    pattern.setPattern(TextLineEncoder.PATTERN);
    pattern.start();
    text.setContext(context);
    text.start();
  }

  private LoggingEvent event(String logger, Level level, String thread, String message, Object... args) {
    Logger log = context.getLogger(logger);
    LoggingEvent event = new LoggingEvent(Logger.FQCN, log, level, message, null, args);
    event.setThreadName(thread);
    return event;
  }

  private void assertSameBytes(LoggingEvent event) {
    String expected = new String(pattern.encode(event), StandardCharsets.UTF_8);
    assertEquals(expected, new String(text.encode(event), StandardCharsets.UTF_8));
    LineBuffer batch = new LineBuffer(16);
    text.encodeTo(event, batch);
    assertEquals(expected, new String(batch.toByteArray(), StandardCharsets.UTF_8));
  }

  @Test
  void theEchoLineIsThePatternsLine() {
    assertSameBytes(event("io.netecho.EchoConnection", Level.INFO, "vert.x-eventloop-thread-0",
      "{} from {}", "hello\\n", "127.0.0.1:40000"));
  }

  @Test
  void everyLevelIsPaddedLikeThePattern() {
    for (Level level : new Level[] {Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR}) {
      assertSameBytes(event("io.netecho.EchoVerticle", level, "main", "listening on port {}", 8124));
    }
  }

  @Test
  void aLoggerWithoutPackageIsShownWhole() {
    assertSameBytes(event("ROOT", Level.WARN, "main", "plain"));
    assertSameBytes(event("a.b.", Level.WARN, "main", "ends with a dot"));
  }

  @Test
  void nonAsciiTextInThreadAndMessageIsEncodedAlike() {
    assertSameBytes(event("io.netecho.X", Level.INFO, "thread-é-日本", "café 😀 … \u2028 \u0000 \uffff"));
  }

  @Test
  void anUnpairedSurrogateIsEncodedAlike() {
    assertSameBytes(event("io.netecho.X", Level.INFO, "t", "high \ud800 alone, low \udc00 alone, end \ud83d"));
  }

  @Test
  void aNullMessageIsEncodedAlike() {
    assertSameBytes(event("io.netecho.X", Level.INFO, "t", null));
  }

  @Test
  void theTimeOfDayIsThePatternsAcrossSecondsDaysAndZoneChanges() {
    Random random = new Random(42);
    ZoneId zone = ZoneId.systemDefault();
    long[] instants = {
      0L, 999L, 1000L, -1L,
      LocalDate.of(2024, 3, 31).atTime(LocalTime.of(1, 59, 59, 999_000_000)).atZone(zone).toInstant().toEpochMilli(),
      LocalDate.of(2024, 10, 27).atTime(LocalTime.of(2, 30)).atZone(zone).toInstant().toEpochMilli(),
      LocalDate.of(2024, 12, 31).atTime(LocalTime.of(23, 59, 59, 999_000_000)).atZone(zone).toInstant().toEpochMilli(),
      System.currentTimeMillis()};
    for (long millis : instants) {
      LoggingEvent event = event("io.netecho.X", Level.INFO, "t", "at {}", millis);
      event.setInstant(Instant.ofEpochMilli(millis));
      assertSameBytes(event);
    }
    for (int i = 0; i < 2000; i++) {
      long millis = random.nextLong() % 4_000_000_000_000L;
      LoggingEvent event = event("io.netecho.X", Level.INFO, "t", "at {}", millis);
      event.setInstant(Instant.ofEpochMilli(millis));
      assertSameBytes(event);
    }
  }

  @Test
  void theTimeOfDayFollowsADaylightSavingZoneLikeThePattern() {
    TimeZone saved = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
    try {
      start();
      ZoneId berlin = ZoneId.of("Europe/Berlin");
      long summer = LocalDate.of(2024, 3, 31).atTime(1, 59, 59).atZone(berlin).toInstant().toEpochMilli();
      long winter = LocalDate.of(2024, 10, 27).atTime(2, 59, 59).atZone(berlin).toInstant().toEpochMilli();
      for (long from : new long[] {summer, winter}) {
        for (long millis = from; millis < from + 3_600_000 + 2000; millis += 250) {
          LoggingEvent event = event("io.netecho.X", Level.INFO, "t", "m");
          event.setInstant(Instant.ofEpochMilli(millis));
          assertSameBytes(event);
        }
      }
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  @Test
  void aLineWithAThrowableIsThePatternsWithItsStackTrace() {
    Logger log = context.getLogger("io.netecho.X");
    LoggingEvent event = new LoggingEvent(Logger.FQCN, log, Level.WARN, "failed: {}",
      new IllegalStateException("bad \"state\"", new RuntimeException("cause")), new Object[] {"x"});
    event.setThreadName("vert.x-eventloop-thread-1");
    assertSameBytes(event);
  }
}
