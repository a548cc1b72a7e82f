package io.netecho.log;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogTextTest {

  private static final int WIDE = 1000;

  private static String escape(String text) {
    return LogText.escape(Buffer.buffer(text), WIDE);
  }

  private static String escapeBytes(int... bytes) {
    return LogText.escape(bytes(bytes), WIDE);
  }

  private static Buffer bytes(int... bytes) {
    Buffer chunk = Buffer.buffer();
    for (int b : bytes) {
      chunk.appendByte((byte) b);
    }
    return chunk;
  }

  @Test
  void plainTextIsUnchanged() {
    assertEquals("hello, world 123 ~!@#$%^&*()", escape("hello, world 123 ~!@#$%^&*()"));
  }

  @Test
  void multiByteUtf8IsUnchanged() {
    assertEquals("café 日本 😀", escape("café 日本 😀"));
  }

  @Test
  void emptyChunkIsEmptyText() {
    assertEquals("", LogText.escape(Buffer.buffer(), 1));
  }

  @Test
  void newlineCarriageReturnAndTabAreEscaped() {
    assertEquals("a\\nb\\rc\\td", escape("a\nb\rc\td"));
  }

  @Test
  void escColourSequenceIsEscaped() {
    assertEquals("\\x1b[31mred\\x1b[0m", escape("\u001b[31mred\u001b[0m"));
  }

  @Test
  void nulIsEscaped() {
    assertEquals("a\\x00b", escapeBytes('a', 0x00, 'b'));
  }

  @Test
  void delIsEscaped() {
    assertEquals("\\x7f", escapeBytes(0x7f));
  }

  @Test
  void c1ControlCodePointIsEscapedAsItsValue() {
    // C2 85 is valid UTF-8 for U+0085 NEL, which some viewers treat as a line break
    assertEquals("a\\x85b", escapeBytes('a', 0xc2, 0x85, 'b'));
  }

  @Test
  void invalidByteIsEscaped() {
    assertEquals("a\\xffb", escapeBytes('a', 0xff, 'b'));
  }

  @Test
  void truncatedSequenceAtEndIsEscaped() {
    assertEquals("ab\\xc3", escapeBytes('a', 'b', 0xc3));
  }

  @Test
  void overlongEncodingIsEscapedByteByByte() {
    // C0 AF would be an overlong "/", a classic filter bypass
    assertEquals("\\xc0\\xaf", escapeBytes(0xc0, 0xaf));
  }

  @Test
  void encodedSurrogateIsEscapedByteByByte() {
    assertEquals("\\xed\\xa0\\x80", escapeBytes(0xed, 0xa0, 0x80));
  }

  @Test
  void validSequenceRightAfterInvalidByteIsKept() {
    // E2 82 starts a 3-byte sequence that C3 A9 ("é") interrupts
    assertEquals("\\xe2\\x82é", escapeBytes(0xe2, 0x82, 0xc3, 0xa9));
  }

  @Test
  void invalidInputNeverBecomesReplacementCharacter() {
    assertFalse(escapeBytes(0xff, 0xfe, 0xc3, 0x28, 0xf0, 0x9f, 0x98).contains("\ufffd"));
  }

  @Test
  void backslashIsDoubled() {
    assertEquals("\\\\n is not a newline \\\\x1b", escape("\\n is not a newline \\x1b"));
  }

  @Test
  void bidiOverrideIsEscaped() {
    assertEquals("file\\u202egnp.exe", escape("file\u202egnp.exe"));
  }

  @Test
  void zeroWidthSpaceIsEscaped() {
    assertEquals("ad\\u200bmin", escape("ad\u200bmin"));
  }

  @Test
  void lineAndParagraphSeparatorsAreEscaped() {
    assertEquals("a\\u2028b\\u2029c", escape("a\u2028b\u2029c"));
  }

  @Test
  void supplementaryFormatCharacterIsEscapedAsBothUtf16Units() {
    // U+E0041 TAG LATIN CAPITAL LETTER A, invisible
    assertEquals("a\\udb40\\udc41", escape("a\udb40\udc41"));
  }

  @Test
  void allByteValuesGiveTextWithoutControlCharacters() {
    Buffer chunk = Buffer.buffer();
    for (int b = 0; b < 256; b++) {
      chunk.appendByte((byte) b);
    }
    String text = LogText.escape(chunk, Integer.MAX_VALUE);
    assertFalse(text.contains(" … "), text);
    text.chars().forEach(c -> assertFalse(Character.isISOControl(c), "control char " + c));
    assertTrue(text.endsWith("\\xfe\\xff"), text);
  }

  @Test
  void cutAppendsTheCountOfBytesNotShown() {
    assertEquals("abc … (+3 bytes)", LogText.escape(Buffer.buffer("abcdef"), 3));
  }

  @Test
  void textOfExactlyMaxCharsIsNotCut() {
    assertEquals("abc", LogText.escape(Buffer.buffer("abc"), 3));
  }

  @Test
  void cutCountsBytesNotCharacters() {
    assertEquals("éé … (+2 bytes)", LogText.escape(Buffer.buffer("ééé"), 2));
  }

  @Test
  void cutNeverSplitsAnEscape() {
    assertEquals("ab … (+3 bytes)", LogText.escape(Buffer.buffer("ab\ncd"), 3));
  }

  @Test
  void cutNeverSplitsAnInvalidByteEscape() {
    assertEquals("a … (+2 bytes)", LogText.escape(bytes('a', 0xff, 'b'), 2));
  }

  @Test
  void cutNeverSplitsASurrogatePair() {
    assertEquals("a … (+5 bytes)", LogText.escape(Buffer.buffer("a😀b"), 2));
  }

  @Test
  void cutOfALargeChunkCountsEveryByte() {
    String text = "日".repeat(100_000);
    assertEquals("日".repeat(10) + " … (+299970 bytes)", LogText.escape(Buffer.buffer(text), 10));
  }

  @Test
  void cutOfALargeChunkNeverSplitsAPair() {
    String text = "😀".repeat(1000);
    assertEquals("😀😀 … (+3992 bytes)", LogText.escape(Buffer.buffer(text), 4));
    assertEquals("😀😀 … (+3992 bytes)", LogText.escape(Buffer.buffer(text), 5));
  }

  @Test
  void forgedLogLineStaysOnOneLine() {
    String text = escape("ok\n12:00:00.000 INFO  [main] EchoVerticle - fake\r\n");
    assertEquals("ok\\n12:00:00.000 INFO  [main] EchoVerticle - fake\\r\\n", text);
    assertFalse(text.contains("\n") || text.contains("\r"));
  }

  @Test
  void maxCharsBelowOneIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> LogText.escape(Buffer.buffer("a"), 0));
  }

  @Test
  void asciiChunksAreEscapedAndCutExactlyAsByTheGeneralPath() {
    // the fast path for ASCII against the code-point path it shortcuts, on chunks of printable
    // text, controls, backslashes and (so the fast path must step aside) some non-ASCII bytes
    byte[] alphabet = {'a', 'Z', ' ', '~', '\\', '\n', '\r', '\t', 0x00, 0x1b, 0x7f, 0x1f, (byte) 0xc3, (byte) 0xa9,
      (byte) 0xff, (byte) 0xe6};
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 20_000; i++) {
      Buffer chunk = Buffer.buffer();
      int length = random.nextInt(40);
      // most chunks ASCII only, as on the fast path
      int letters = random.nextInt(4) == 0 ? alphabet.length : 12;
      for (int j = 0; j < length; j++) {
        chunk.appendByte(alphabet[random.nextInt(letters)]);
      }
      int maxChars = 1 + random.nextInt(45);
      assertEquals(LogText.escapeEachCodePoint(chunk, maxChars), LogText.escape(chunk, maxChars),
        () -> "chunk " + java.util.Arrays.toString(chunk.getBytes()) + ", maxChars " + maxChars);
    }
  }
}
