package io.netecho.tls;

import io.netty.buffer.ByteBuf;

/**
 * Walks a TLS record stream by its plaintext headers (type, version, length; RFC 5246 6.2.1),
 * skipping the bodies, never decrypting them; records may be cut anywhere across reads. What to make
 * of each header is the {@link Watcher}'s.
 */
final class RecordHeaders {

  /** What a {@link Watcher} answers to let the walk go on. */
  static final int GO_ON = Integer.MIN_VALUE;

  private static final int HEADER_LENGTH = 5;

  /** Sees each record header as the walk reads it, and may stop the walk with a result of its own. */
  interface Watcher {

    /** A record of {@code type} starts at {@code index}: {@link #GO_ON}, or a result to stop with (the record unread). */
    int recordStarts(int type, int index);

    /** The record's major version byte (3 in every TLS version): {@link #GO_ON}, or a result to stop with. */
    default int majorVersion(int major) {
      return GO_ON;
    }

    /** The record's header is read; its body, skipped, follows. */
    default void headerRead(int type) {
    }
  }

  private int headerRead;
  private int type;
  private int bodyLength;
  private int bodyLeft;

  /** Walks {@code bytes} from where the last walk ended: a result of {@code watcher}'s, or {@link #GO_ON}; moves no index. */
  int walk(ByteBuf bytes, Watcher watcher) {
    int i = bytes.readerIndex();
    int end = bytes.writerIndex();
    while (i < end) {
      if (bodyLeft > 0) {
        int skip = Math.min(bodyLeft, end - i);
        bodyLeft -= skip;
        i += skip;
        continue;
      }
      int b = bytes.getUnsignedByte(i);
      int stop = GO_ON;
      switch (headerRead) {
        case 0 -> {
          stop = watcher.recordStarts(b, i);
          type = b;
        }
        case 1 -> stop = watcher.majorVersion(b);
        case 3 -> bodyLength = b << 8;
        case 4 -> bodyLength |= b;
        default -> { }
      }
      if (stop != GO_ON) {
        return stop;
      }
      i++;
      if (++headerRead == HEADER_LENGTH) {
        headerRead = 0;
        bodyLeft = bodyLength;
        watcher.headerRead(type);
      }
    }
    return GO_ON;
  }
}
