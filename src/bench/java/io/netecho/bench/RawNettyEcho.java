package io.netecho.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The raw Netty reference of the benchmark: one NIO event loop accepts and serves every client
 * with {@link RawNettyEchoHandler}. Arguments: port, then the reply prefix (default
 * {@code "Repeating: "}). Prints {@code listening on port <port>} once it accepts connections.
 */
public final class RawNettyEcho {

  private RawNettyEcho() {
  }

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8124;
    String prefix = args.length > 1 ? args[1] : "Repeating: ";
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      Channel server = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childHandler(new RawNettyEchoHandler(prefix.getBytes(StandardCharsets.UTF_8)))
        .bind(new InetSocketAddress("127.0.0.1", port))
        .sync()
        .channel();
      System.out.println("listening on port " + ((InetSocketAddress) server.localAddress()).getPort());
      server.closeFuture().sync();
    } finally {
      group.shutdownGracefully();
    }
  }
}
