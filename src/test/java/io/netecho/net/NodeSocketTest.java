package io.netecho.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** NodeSocket's own guarantees, seen from inside the server. */
@ExtendWith(VertxExtension.class)
@Timeout(20)
class NodeSocketTest {

  private Socket client;

  @AfterEach
  void closeClient() throws Exception {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void aPausedSocketDeliversEveryChunkBeforeEnd(Vertx vertx, VertxTestContext test) throws Exception {
    List<String> events = new ArrayList<>();
    Checkpoint ended = test.checkpoint();
    NetServer server = vertx.createNetServer().connectHandler(raw -> {
      NodeSocket socket = NodeSocket.of(raw);
      raw.pause();
      socket.handler(chunk -> events.add(chunk.toString(StandardCharsets.UTF_8)));
      socket.endHandler(v -> test.verify(() -> {
        assertEquals("one two three", String.join("", events));
        ended.flag();
      }));
      // Resume only once the FIN has been read (and seen by NodeSocket, just before this handler),
      // so the FIN overtakes the chunks Vert.x holds back.
      ((NetSocketInternal) raw).channelHandlerContext().pipeline().addAfter(NodeSocket.WATCHER, "test", new ChannelInboundHandlerAdapter() {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
          if (event instanceof ChannelInputShutdownEvent) {
            test.verify(() -> assertEquals(List.of(), events));
            raw.resume();
          }
          ctx.fireUserEventTriggered(event);
        }
      });
    });
    int port = server.listen(0, "127.0.0.1").await().actualPort();
    client = new Socket("127.0.0.1", port);
    OutputStream out = client.getOutputStream();
    out.write("one ".getBytes(StandardCharsets.UTF_8));
    out.flush();
    out.write("two ".getBytes(StandardCharsets.UTF_8));
    out.flush();
    out.write("three".getBytes(StandardCharsets.UTF_8));
    client.shutdownOutput();
  }

  @Test
  void endSendsFinAfterEveryEarlierWriteAndKeepsReading(Vertx vertx, VertxTestContext test) throws Exception {
    Checkpoint closed = test.checkpoint();
    NetServer server = vertx.createNetServer().connectHandler(raw -> {
      NodeSocket socket = NodeSocket.of(raw);
      socket.write(Buffer.buffer("first "));
      socket.write(Buffer.buffer("second"));
      socket.end();
      raw.closeHandler(v -> closed.flag());
    });
    int port = server.listen(0, "127.0.0.1").await().actualPort();
    client = new Socket("127.0.0.1", port);
    client.setSoTimeout(10_000);
    // our FIN arrives after both writes; the server still reads what we send after it
    assertEquals("first second", new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    client.getOutputStream().write("after your FIN".getBytes(StandardCharsets.UTF_8));
    client.shutdownOutput();
  }
}
