package io.netecho.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * net-echo's text log line, byte for byte what logback's {@code PatternLayoutEncoder} writes for
 * {@value #PATTERN} (the thread shows which event loop served a line), at a fraction of its cost:
 * no converter chain, no String or byte array per line, the time of day computed once a second.
 * A line with a throwable (rare) is left to a {@link PatternLayout} with the same pattern, so its
 * stack trace is exactly logback's too.
 *
 * <p>The charset is logback's default for an encoder: the JVM's default charset unless set.
 */
public final class TextLineEncoder extends BareLineEncoder {

  /** The pattern this encoder reproduces. */
  public static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n";

  // parsed at the first line with a throwable, not at start: most runs never write one
  private final LazyPatternEncoder withThrowable = new LazyPatternEncoder(PATTERN);
  private Charset charset;
  private boolean utf8;
  private ZoneRules zone;
  // the time of day of one second, "HH:mm:ss.", shared by all its lines; replaced whole, so racy reads are safe
  private Second second = new Second(Long.MIN_VALUE, "");

  public void setCharset(Charset charset) {
    this.charset = charset;
  }

  public Charset getCharset() {
    return charset;
  }

  @Override
  public void start() {
    if (charset == null) {
      // what logback's LayoutWrappingEncoder does without a charset: String.getBytes()
      charset = Charset.defaultCharset();
    }
    utf8 = charset.equals(StandardCharsets.UTF_8);
    // %d without a zone option formats in the default zone
    zone = ZoneId.systemDefault().getRules();
    withThrowable.setContext(getContext());
    withThrowable.start();
    super.start();
  }

  @Override
  public void stop() {
    withThrowable.stop();
    super.stop();
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    LineBuffer line = new LineBuffer(128);
    encodeTo(event, line);
    return line.toByteArray();
  }

  /** Appends the event's line to {@code out}. */
  void encodeTo(ILoggingEvent event, LineBuffer out) {
    if (event.getThrowableProxy() != null) {
      out.append(withThrowable.layout().doLayout(event), charset, utf8);
      return;
    }
    long millis = event.getTimeStamp();
    long epochSecond = Math.floorDiv(millis, 1000);
    Second s = second;
    if (s.epochSecond != epochSecond) {
      s = new Second(epochSecond, timeOfDay(epochSecond));
      second = s;
    }
    out.appendAscii(s.text).appendThreeDigits((int) Math.floorMod(millis, 1000)).appendAscii(' ');
    appendLevel(event.getLevel(), out);
    out.appendAscii(" [").append(event.getThreadName(), charset, utf8).appendAscii("] ");
    String logger = event.getLoggerName();
    // %logger{0}: the name after the last dot
    out.append(logger.substring(logger.lastIndexOf('.') + 1), charset, utf8).appendAscii(" - ");
    out.append(String.valueOf(event.getFormattedMessage()), charset, utf8);
    out.append(CoreConstants.LINE_SEPARATOR, charset, utf8);
  }

  /** {@code %-5level}: the level's name, padded with spaces to 5 characters. */
  private static void appendLevel(Level level, LineBuffer out) {
    String name = level.toString();
    out.appendAscii(name);
    for (int i = name.length(); i < 5; i++) {
      out.appendAscii(' ');
    }
  }

  private String timeOfDay(long epochSecond) {
    int offset = zone.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
    int secondOfDay = (int) Math.floorMod(epochSecond + offset, 86_400L);
    char[] text = {
      digit(secondOfDay / 36_000), digit(secondOfDay / 3600 % 10), ':',
      digit(secondOfDay % 3600 / 600), digit(secondOfDay % 3600 / 60 % 10), ':',
      digit(secondOfDay % 60 / 10), digit(secondOfDay % 10), '.'};
    return new String(text);
  }

  private static char digit(int value) {
    return (char) ('0' + value);
  }

  private record Second(long epochSecond, String text) {
  }
}
