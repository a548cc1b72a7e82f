package io.netecho.log;

/** Failures as the single log or console line this project allows them: never a stack trace. */
public final class OneLine {

  private OneLine() {
  }

  /** The failure's own message and, when it adds something, its root cause's, on one line. */
  public static String of(Throwable failure) {
    Throwable root = Causes.root(failure);
    String message = messageOf(failure);
    if (root != failure && !message.contains(messageOf(root))) {
      message = message + ": " + messageOf(root);
    }
    return flatten(message).trim();
  }

  /** The text with every line break, and the blanks around it, turned into one space. */
  public static String flatten(String text) {
    return text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }

  /** The text cut to at most {@code max} characters, {@code ...} marking a cut (never inside a surrogate pair). */
  public static String shorten(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 3;
    return text.substring(0, Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end) + "...";
  }

  private static String messageOf(Throwable t) {
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }
}
