package io.netecho.log;

/** Failures as the single log or console line this project allows them: never a stack trace. */
public final class OneLine {

  private OneLine() {
  }

  /** The failure's own message and, when it adds something, its root cause's, on one line. */
  public static String of(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = messageOf(failure);
    if (root != failure && !message.contains(messageOf(root))) {
      message = message + ": " + messageOf(root);
    }
    return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }

  private static String messageOf(Throwable t) {
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }
}
