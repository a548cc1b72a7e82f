package io.netecho.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;

/** An encoder of lines only: a console stream has no header or footer to write. */
abstract class BareLineEncoder extends EncoderBase<ILoggingEvent> {

  private static final byte[] NONE = new byte[0];

  @Override
  public final byte[] headerBytes() {
    return NONE;
  }

  @Override
  public final byte[] footerBytes() {
    return NONE;
  }
}
