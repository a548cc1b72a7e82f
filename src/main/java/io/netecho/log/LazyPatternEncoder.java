package io.netecho.log;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

import java.nio.charset.Charset;

/**
 * logback's pattern encoder for lines that are rare (a failure Netty reports, say), whose pattern
 * is parsed at the first line instead of at start: parsing builds logback's converter chain, a cost
 * every start would otherwise pay for a line most runs never write.
 */
final class LazyPatternEncoder extends BareLineEncoder {

  private final String pattern;
  private volatile PatternLayout layout;

  LazyPatternEncoder(String pattern) {
    this.pattern = pattern;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    // String.getBytes() in the default charset: what logback's encoder does without a charset set
    return layout().doLayout(event).getBytes(Charset.defaultCharset());
  }

  @Override
  public void stop() {
    PatternLayout started = layout;
    if (started != null) {
      started.stop();
    }
    super.stop();
  }

  /** The layout, made at the first call. */
  PatternLayout layout() {
    PatternLayout started = layout;
    if (started == null) {
      synchronized (this) {
        started = layout;
        if (started == null) {
          started = new PatternLayout();
          started.setContext(getContext());
          started.setPattern(pattern);
          started.start();
          layout = started;
        }
      }
    }
    return started;
  }
}
