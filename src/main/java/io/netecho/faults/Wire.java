package io.netecho.faults;

import io.netecho.net.NodeSocket;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * Where {@link Faults} write what they let through, and how they end a connection: the echo's
 * {@link NodeSocket}, or the bytes of an HTTP connection ({@link ChannelFaults}). Used on the
 * connection's event loop.
 */
interface Wire {

  /** Writes in order with every earlier write. */
  Future<Void> write(Buffer data);

  /** The connection takes no more for now (the client does not read): bandwidth and slicer wait. */
  boolean writeQueueFull();

  /** Our FIN, once every earlier write has left. */
  void end();

  /** A reset (RST) instead of a FIN, once every earlier write has left. */
  void reset();

  /** The echo's socket: its half-close is the FIN. */
  static Wire of(NodeSocket socket) {
    return new Wire() {
      @Override
      public Future<Void> write(Buffer data) {
        return socket.write(data);
      }

      @Override
      public boolean writeQueueFull() {
        return socket.writeQueueFull();
      }

      @Override
      public void end() {
        socket.end();
      }

      @Override
      public void reset() {
        socket.reset();
      }
    };
  }
}
