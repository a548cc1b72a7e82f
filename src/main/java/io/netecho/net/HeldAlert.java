package io.netecho.net;

/**
 * The pipeline event for a TLS 1.2 alert record that arrived and is held back from the TLS engine
 * (by {@code tls.Tls12HalfClose}): nothing is known yet of what it says (its body is encrypted), and
 * the client's input is paused behind it. Whoever serves the connection writes what it owes the client,
 * then calls {@link #release}: the engine decrypts and authenticates the alert, and only then does a
 * close_notify end the input (Netty's {@code SslCloseCompletionEvent}), while a forged or fatal
 * alert fails the connection.
 *
 * <p>It lives with {@link NodeSocket}, which waits for it, so the socket does not depend on the TLS package.
 */
public final class HeldAlert {

  private final Runnable release;
  private boolean released;

  /** {@code release}: what hands the held record to the engine. */
  public HeldAlert(Runnable release) {
    this.release = release;
  }

  /** Hands the alert, and what followed it, to the engine; once only. Call on the connection's event loop. */
  public void release() {
    if (!released) {
      released = true;
      release.run();
    }
  }
}
