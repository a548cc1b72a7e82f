package io.netecho.bench;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import org.HdrHistogram.Histogram;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A closed-loop load on the load generator's event loop: it counts completed units (messages,
 * bytes or connections) and records latencies; every method runs on that event loop.
 */
abstract class Load {

  /** What a load has done so far, taken on the event loop. */
  record Snapshot(long nanos, long completed, long errors, Histogram latency) {
  }

  protected final LoadClient client;
  protected final ChannelGroup channels;
  protected final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
  protected long completed;
  protected long errors;
  protected boolean running;

  Load(LoadClient client) {
    this.client = client;
    this.channels = new DefaultChannelGroup(client.loop());
  }

  /** Opens the connections and starts the traffic. */
  abstract void start(InetSocketAddress server);

  /** Whether {@link Snapshot#latency} means anything for this load. */
  boolean hasLatency() {
    return true;
  }

  final Snapshot snapshot(boolean resetLatency) {
    Snapshot now = new Snapshot(System.nanoTime(), completed, errors, latency.copy());
    if (resetLatency) {
      latency.reset();
    }
    return now;
  }

  protected final void track(Channel channel) {
    channels.add(channel);
  }

  protected final void record(long startedNanos) {
    long nanos = System.nanoTime() - startedNanos;
    latency.recordValue(Math.min(nanos, latency.getHighestTrackableValue()));
  }

  /** Stops the traffic and closes every connection; waits (off the loop) up to five seconds. */
  final void stop() {
    client.run(() -> running = false);
    client.call(channels::close).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
