package io.netecho.log;

import java.util.ArrayList;
import java.util.List;

/** A failure's chain of causes, walked once for every caller: outermost first, each cause once, so a cycle ends it. */
public final class Causes {

  private Causes() {
  }

  /** {@code failure} and its causes, outermost first; empty for null. */
  public static List<Throwable> of(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable cause = failure; cause != null && !seen(chain, cause); cause = cause.getCause()) {
      chain.add(cause);
    }
    return chain;
  }

  /** The innermost cause (the failure itself when it has none). */
  public static Throwable root(Throwable failure) {
    List<Throwable> chain = of(failure);
    return chain.get(chain.size() - 1);
  }

  /** The innermost cause of {@code type}, or null when there is none in the chain. */
  public static <T extends Throwable> T innermost(Throwable failure, Class<T> type) {
    T found = null;
    for (Throwable cause : of(failure)) {
      if (type.isInstance(cause)) {
        found = type.cast(cause);
      }
    }
    return found;
  }

  /** Whether the chain holds a cause of {@code type}. */
  public static boolean has(Throwable failure, Class<? extends Throwable> type) {
    return innermost(failure, type) != null;
  }

  private static boolean seen(List<Throwable> chain, Throwable cause) {
    for (Throwable earlier : chain) {
      if (earlier == cause) {
        return true;
      }
    }
    return false;
  }
}
