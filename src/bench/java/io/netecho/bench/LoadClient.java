package io.netecho.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The load generator's one event loop (epoll where available, else NIO): every client connection
 * of every scenario lives on it, so the generator uses one core and never contends with itself.
 */
final class LoadClient implements AutoCloseable {

  private final EventLoopGroup group;
  private final Class<? extends Channel> channelClass;
  private final EventLoop loop;
  private final String transport;

  LoadClient() {
    if (Epoll.isAvailable()) {
      group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
      channelClass = EpollSocketChannel.class;
      transport = "epoll";
    } else {
      group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
      channelClass = NioSocketChannel.class;
      transport = "nio";
    }
    loop = group.next();
  }

  String transport() {
    return transport;
  }

  EventLoop loop() {
    return loop;
  }

  /** A bootstrap whose every channel gets a fresh handler from {@code handlers}. */
  Bootstrap bootstrap(InetSocketAddress server, Supplier<? extends ChannelHandler> handlers) {
    return new Bootstrap()
      .group(loop)
      .channel(channelClass)
      .option(ChannelOption.TCP_NODELAY, true)
      .remoteAddress(server)
      .handler(new ChannelInitializer<Channel>() {
        @Override
        protected void initChannel(Channel ch) {
          ch.pipeline().addLast(handlers.get());
        }
      });
  }

  /** Runs {@code task} on the event loop and waits for its result. */
  <T> T call(Callable<T> task) {
    try {
      return loop.submit(task).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("load generator task failed: " + e, e);
    }
  }

  void run(Runnable task) {
    call(() -> {
      task.run();
      return null;
    });
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
