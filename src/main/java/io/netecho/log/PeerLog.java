package io.netecho.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lines about one client, such as {@code connected 127.0.0.1:40000}: in the JSON format the
 * client's address is also a field, {@code "kvpList":[{"peer":"127.0.0.1:40000"}]}, so a log
 * shipper can select a client's lines without parsing messages. In the text format the line is
 * exactly what {@code Logger.info(format, args)} writes, at the same cost.
 *
 * <p>Each method checks the level first; a caller that computes an argument (escaping a chunk, say)
 * guards it with {@link #isInfoEnabled()}. Fixed arities, so no argument array is made for a line
 * that is not logged.
 */
public final class PeerLog {

  private static final String PEER = "peer";

  private final Logger log;

  private PeerLog(Logger log) {
    this.log = log;
  }

  public static PeerLog of(Class<?> source) {
    return new PeerLog(LoggerFactory.getLogger(source));
  }

  /** The SLF4J logger underneath, for lines that are not about a client. */
  public Logger logger() {
    return log;
  }

  public boolean isInfoEnabled() {
    return log.isInfoEnabled();
  }

  public void info(String peer, String format, Object arg) {
    if (log.isInfoEnabled()) {
      if (json()) {
        log.atInfo().addKeyValue(PEER, peer).log(format, arg);
      } else {
        log.info(format, arg);
      }
    }
  }

  public void info(String peer, String format, Object arg1, Object arg2) {
    if (log.isInfoEnabled()) {
      if (json()) {
        log.atInfo().addKeyValue(PEER, peer).log(format, arg1, arg2);
      } else {
        log.info(format, arg1, arg2);
      }
    }
  }

  public void warn(String peer, String format, Object arg) {
    if (log.isWarnEnabled()) {
      if (json()) {
        log.atWarn().addKeyValue(PEER, peer).log(format, arg);
      } else {
        log.warn(format, arg);
      }
    }
  }

  public void warn(String peer, String format, Object arg1, Object arg2) {
    if (log.isWarnEnabled()) {
      if (json()) {
        log.atWarn().addKeyValue(PEER, peer).log(format, arg1, arg2);
      } else {
        log.warn(format, arg1, arg2);
      }
    }
  }

  public void debug(String peer, String format, Object arg) {
    if (log.isDebugEnabled()) {
      if (json()) {
        log.atDebug().addKeyValue(PEER, peer).log(format, arg);
      } else {
        log.debug(format, arg);
      }
    }
  }

  private static boolean json() {
    return LogFormat.current() == LogFormat.JSON;
  }
}
