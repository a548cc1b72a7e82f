package io.netecho;

import io.netecho.net.NodeSocket;
import io.netecho.net.ReplyPrefix;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/** The plain echo's replies: each written at once, prefix and chunk as one message; nothing is held. */
final class DirectReplies implements Replies {

  private final NodeSocket socket;
  private final ReplyPrefix prefix;
  private final Written written;

  DirectReplies(NodeSocket socket, ReplyPrefix prefix, Written written) {
    this.socket = socket;
    this.prefix = prefix;
    this.written = written;
  }

  @Override
  public void reply(Buffer chunk) {
    written.replied(prefix.length() + chunk.length());
    socket.write(prefix, chunk);
  }

  @Override
  public Future<Void> send(Buffer message) {
    written.sent(message.length());
    return socket.write(message);
  }

  @Override
  public void end() {
    socket.end();
  }

  @Override
  public void whenWritten(Runnable action) {
    action.run();
  }

  @Override
  public long heldBytes() {
    return 0;
  }

  @Override
  public int dropHeld() {
    return 0;
  }

  @Override
  public void closed() {
  }
}
