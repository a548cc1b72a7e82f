package io.netecho.net;

import io.vertx.core.Context;

/**
 * The port each instance of a deployment asks Vert.x for, so all of them serve one port. A fixed
 * port is shared as it is. Port 0 would give every instance its own random port; a negative port is
 * Vert.x's "one random port, shared by every server that asks for this number", so each server of
 * an instance takes a number of its own here, the one place they are handed out.
 */
public enum SharedPort {
  ECHO(-1),
  HTTP(-2),
  INFO(-3);

  /** The first number of the extra echo ports ({@code listeners}), one below the other. */
  private static final int FIRST_LISTENER = -10;

  private final int random;

  SharedPort(int random) {
    this.random = random;
  }

  /** The port to listen on for a configured {@code port}. */
  public int of(Context context, int port) {
    return shared(context, port, random);
  }

  /** The port to listen on for the extra echo port at {@code index} of {@code listeners}. */
  public static int listener(Context context, int index, int port) {
    return shared(context, port, FIRST_LISTENER - index);
  }

  private static int shared(Context context, int port, int random) {
    return port == 0 && context.getInstanceCount() > 1 ? random : port;
  }
}
