package io.netecho.tls;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/**
 * Collects a client's first handshake message, its ClientHello, from the raw records as they arrive,
 * before the engine consumes them: the record bodies are copied (usually one record of a few hundred
 * bytes; a ClientHello may span records, and records span reads) until the message is whole. It is
 * parsed only when someone asks ({@link ClientHello#parse}). Nothing else is read or kept.
 */
final class ClientHelloReader {

  /** Larger ClientHellos are not read (real ones are a few KiB at most); the engine still judges them. */
  static final int MAX_BYTES = 1 << 15;

  private static final int HANDSHAKE = 22;
  private static final int HEADER_LENGTH = 5;

  private final byte[] header = new byte[HEADER_LENGTH];
  private int headerRead;
  private int bodyLeft;
  private byte[] message = new byte[512];
  private int length;
  private byte[] hello;
  private boolean done;

  /**
   * Reads what {@code bytes} hold of the ClientHello, moving none of their indexes; true once there is
   * nothing more to read: the hello is whole ({@link #hello}), or these were not a ClientHello.
   */
  boolean read(ByteBuf bytes) {
    int i = bytes.readerIndex();
    int end = bytes.writerIndex();
    while (i < end && !done) {
      if (bodyLeft == 0) {
        header[headerRead++] = bytes.getByte(i++);
        if (headerRead == HEADER_LENGTH) {
          headerRead = 0;
          bodyLeft = (header[3] & 0xff) << 8 | header[4] & 0xff;
          if (header[0] != HANDSHAKE) {
            done = true;
          }
        }
        continue;
      }
      int take = Math.min(bodyLeft, end - i);
      if (length + take > MAX_BYTES) {
        done = true;
        break;
      }
      if (length + take > message.length) {
        message = Arrays.copyOf(message, Math.max(length + take, message.length * 2));
      }
      bytes.getBytes(i, message, length, take);
      length += take;
      bodyLeft -= take;
      i += take;
      complete();
    }
    return done;
  }

  /** The ClientHello message, once {@link #read} said it is done; null when the bytes were not one. */
  byte[] hello() {
    return hello;
  }

  private void complete() {
    if (length < 4) {
      return;
    }
    int total = 4 + ((message[1] & 0xff) << 16 | (message[2] & 0xff) << 8 | message[3] & 0xff);
    if (message[0] != ClientHello.CLIENT_HELLO || total > MAX_BYTES) {
      done = true;
    } else if (length >= total) {
      done = true;
      hello = Arrays.copyOf(message, total);
    }
    if (done) {
      message = null;
    }
  }
}
