package io.netecho.log;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * The bytes of log lines waiting for one write: text goes in UTF-8 (or another charset) without an
 * intermediate String or byte array per line, so a batch of lines costs one copy into this buffer.
 * Not thread-safe: one writer owns it.
 */
final class LineBuffer {

  private byte[] bytes;
  private int length;

  LineBuffer(int capacity) {
    bytes = new byte[capacity];
  }

  int length() {
    return length;
  }

  boolean isEmpty() {
    return length == 0;
  }

  /** Characters below 0x80 only (digits, levels, separators): one byte each. */
  LineBuffer appendAscii(String text) {
    int n = text.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[length++] = (byte) text.charAt(i);
    }
    return this;
  }

  LineBuffer appendAscii(char c) {
    ensure(1);
    bytes[length++] = (byte) c;
    return this;
  }

  /** Two digits, zero-padded. */
  LineBuffer appendTwoDigits(int value) {
    ensure(2);
    bytes[length++] = (byte) ('0' + value / 10);
    bytes[length++] = (byte) ('0' + value % 10);
    return this;
  }

  /** Three digits, zero-padded. */
  LineBuffer appendThreeDigits(int value) {
    ensure(3);
    bytes[length++] = (byte) ('0' + value / 100);
    bytes[length++] = (byte) ('0' + value / 10 % 10);
    bytes[length++] = (byte) ('0' + value % 10);
    return this;
  }

  /**
   * {@code text} in UTF-8, byte for byte what {@code text.getBytes(UTF_8)} gives: an unpaired
   * surrogate becomes {@code '?'} as it does there.
   */
  LineBuffer appendUtf8(String text) {
    int n = text.length();
    // at most 3 bytes per char (a surrogate pair is 2 chars for 4 bytes)
    ensure(3 * n);
    byte[] b = bytes;
    int at = length;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        b[at++] = (byte) c;
      } else if (c < 0x800) {
        b[at++] = (byte) (0xc0 | c >> 6);
        b[at++] = (byte) (0x80 | c & 0x3f);
      } else if (Character.isSurrogate(c)) {
        int cp = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))
          ? Character.toCodePoint(c, text.charAt(++i)) : -1;
        if (cp < 0) {
          b[at++] = '?';
        } else {
          b[at++] = (byte) (0xf0 | cp >> 18);
          b[at++] = (byte) (0x80 | cp >> 12 & 0x3f);
          b[at++] = (byte) (0x80 | cp >> 6 & 0x3f);
          b[at++] = (byte) (0x80 | cp & 0x3f);
        }
      } else {
        b[at++] = (byte) (0xe0 | c >> 12);
        b[at++] = (byte) (0x80 | c >> 6 & 0x3f);
        b[at++] = (byte) (0x80 | c & 0x3f);
      }
    }
    length = at;
    return this;
  }

  /** {@code text} in {@code charset}; UTF-8 without the detour through a byte array. */
  LineBuffer append(String text, Charset charset, boolean utf8) {
    return utf8 ? appendUtf8(text) : append(text.getBytes(charset));
  }

  LineBuffer append(byte[] more) {
    ensure(more.length);
    System.arraycopy(more, 0, bytes, length, more.length);
    length += more.length;
    return this;
  }

  /** Writes everything to {@code out} in one call and empties the buffer. */
  void writeTo(OutputStream out) throws IOException {
    try {
      out.write(bytes, 0, length);
      out.flush();
    } finally {
      length = 0;
    }
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }

  void clear() {
    length = 0;
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
