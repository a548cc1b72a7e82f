package io.netecho.log;

import io.vertx.core.buffer.Buffer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a received chunk into one safe log line: valid UTF-8 text as is, while control,
 * invisible and invalid input is escaped so a client cannot forge or colour log lines.
 */
public final class LogText {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  // How many characters each ASCII byte takes in a line: itself, a two-character escape, or \xNN.
  private static final byte[] ASCII_WIDTH = new byte[128];

  static {
    for (int b = 0; b < 128; b++) {
      ASCII_WIDTH[b] = (byte) (b >= 0x20 && b < 0x7f && b != '\\' ? 1
        : b == '\\' || b == '\n' || b == '\r' || b == '\t' ? 2 : 4);
    }
  }

  // Longest possible cut suffix, " … (+2147483647 bytes)", so the builder never grows.
  private static final int SUFFIX_MAX = 22;

  private LogText() {
  }

  /**
   * Escapes {@code chunk} for a log line of at most {@code maxChars} characters, followed by
   * {@code " … (+N bytes)"} when the remaining N input bytes are not shown.
   *
   * @throws IllegalArgumentException if {@code maxChars < 1}
   */
  public static String escape(Buffer chunk, int maxChars) {
    if (maxChars < 1) {
      throw new IllegalArgumentException("maxChars must be >= 1, was " + maxChars);
    }
    String ascii = ascii(chunk, maxChars);
    return ascii != null ? ascii : escapeEachCodePoint(chunk, maxChars);
  }

  /**
   * The common case, a chunk whose shown part is ASCII (a text protocol, a line typed into nc):
   * byte by byte, the same text and cut as {@link #escapeEachCodePoint}, at a fraction of its
   * cost (no decoder, no builder). Null when a shown byte is not ASCII: that is the general path's.
   */
  private static String ascii(Buffer chunk, int maxChars) {
    int total = chunk.length();
    // every byte is at least one character, so no more than maxChars bytes can be shown
    byte[] in = chunk.getBytes(0, Math.min(total, maxChars));
    byte[] out = new byte[(int) Math.min(maxChars, 4L * in.length)];
    int length = 0;
    int shown = 0;
    for (; shown < in.length; shown++) {
      byte b = in[shown];
      if (b < 0) {
        return null;
      }
      int width = ASCII_WIDTH[b];
      if (length + width > maxChars) {
        break;
      }
      if (width == 1) {
        out[length++] = b;
      } else if (width == 2) {
        out[length++] = '\\';
        out[length++] = (byte) (b == '\\' ? '\\' : b == '\n' ? 'n' : b == '\r' ? 'r' : 't');
      } else {
        // C0 controls and DEL, ESC among them
        out[length++] = '\\';
        out[length++] = 'x';
        out[length++] = (byte) HEX[b >> 4];
        out[length++] = (byte) HEX[b & 0xf];
      }
    }
    String text = new String(out, 0, length, StandardCharsets.ISO_8859_1);
    return shown == total ? text : text + " … (+" + (total - shown) + " bytes)";
  }

  /** The general path: decodes UTF-8 and escapes code point by code point. */
  static String escapeEachCodePoint(Buffer chunk, int maxChars) {
    int total = chunk.length();
    // A shown unit never spends more than 3 input bytes per output char, so bytes past
    // 3 * maxChars (+3 to complete a sequence at the edge) can never reach the line: copy
    // and decode only that window, whatever the chunk size.
    int window = (int) Math.min(total, 3L * maxChars + 3);
    boolean wholeChunk = window == total;
    ByteBuffer in = ByteBuffer.wrap(chunk.getBytes(0, window));
    // At least 2 so a surrogate pair always fits; more than maxChars + 1 would never be shown.
    CharBuffer decoded = CharBuffer.allocate(Math.max(2, Math.min(window, maxChars + 1)));
    // REPORT, not the default REPLACE: every invalid byte must be seen, never turned into U+FFFD.
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
    StringBuilder out = new StringBuilder((int) Math.min(maxChars, total + 16L) + SUFFIX_MAX);
    int shownBytes = 0;

    cut:
    while (true) {
      CoderResult result = decoder.decode(in, decoded, wholeChunk);
      decoded.flip();
      while (decoded.hasRemaining()) {
        char c = decoded.get();
        int cp = c;
        if (Character.isHighSurrogate(c)) {
          if (!decoded.hasRemaining()) {
            // keep a half pair for the next round rather than cut it
            decoded.position(decoded.position() - 1);
            break;
          }
          cp = Character.toCodePoint(c, decoded.get());
        }
        int mark = out.length();
        appendCodePoint(out, cp);
        if (out.length() > maxChars) {
          out.setLength(mark);
          break cut;
        }
        // the JDK decoder only accepts shortest-form UTF-8, so the byte count follows from cp
        shownBytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      }
      decoded.compact();
      if (result.isError()) {
        // Escape one byte and resume right after it, so a valid sequence that follows a bad
        // byte is never swallowed into the error.
        if (out.length() + 4 > maxChars) {
          break;
        }
        appendHexByte(out, in.get());
        shownBytes++;
      } else if (result.isUnderflow()) {
        // window decoded (UTF-8 decoders keep no state to flush)
        break;
      }
    }

    if (shownBytes < total) {
      out.append(" … (+").append(total - shownBytes).append(" bytes)");
    }
    return out.toString();
  }

  private static void appendCodePoint(StringBuilder out, int cp) {
    switch (cp) {
      // the backslash too, or a client could send a literal "\n" that reads as an escape
      case '\\' -> out.append("\\\\");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      default -> {
        if (Character.isISOControl(cp)) {
          // C0, DEL and C1: ESC starts terminal colour sequences, NEL ends a line
          appendHexByte(out, (byte) cp);
        } else if (cp == 0x2028 || cp == 0x2029 || Character.getType(cp) == Character.FORMAT) {
          // line breaks the viewer may honour, and invisible marks such as bidi overrides
          // that make a line read differently from its bytes
          for (char unit : Character.toChars(cp)) {
            out.append("\\u");
            appendHex(out, unit, 4);
          }
        } else {
          out.appendCodePoint(cp);
        }
      }
    }
  }

  private static void appendHexByte(StringBuilder out, byte b) {
    out.append("\\x");
    appendHex(out, b & 0xff, 2);
  }

  private static void appendHex(StringBuilder out, int value, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      out.append(HEX[(value >> shift) & 0xf]);
    }
  }
}
