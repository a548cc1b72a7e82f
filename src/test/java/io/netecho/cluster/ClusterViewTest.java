package io.netecho.cluster;

import io.netecho.config.NetEchoConfig;
import io.netecho.testing.LogCapture;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster view logs members coming and going without taking the cluster manager's node events
 * from Vert.x: under {@code -ha}, Vert.x's HA manager must still see a member leave, or it never
 * redeploys that member's verticles.
 */
@Timeout(90)
class ClusterViewTest {

  /** Where {@link HaProbe} has started, by Vert.x instance. */
  private static final List<CompletableFuture<Vertx>> STARTS = new ArrayList<>();

  /** A verticle deployed with HA: Vert.x redeploys it on a survivor when its node dies. */
  public static final class HaProbe extends VerticleBase {

    @Override
    public Future<?> start() {
      synchronized (STARTS) {
        STARTS.forEach(start -> start.complete(vertx));
      }
      return Future.succeededFuture();
    }
  }

  private final List<Vertx> nodes = new ArrayList<>();
  private LogCapture log;

  @AfterEach
  void stop() {
    if (log != null) {
      log.close();
    }
    for (Vertx node : nodes) {
      try {
        node.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      } catch (Exception closingAKilledNode) {
        // the node whose Hazelcast was terminated may not close cleanly; it is gone either way
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  /** A node as the launchers start one with {@code -ha}: HA on, Hazelcast from conf/cluster.xml, the view watching. */
  private HazelcastClusterManager haNode(String name, int port, List<String> members) throws Exception {
    var manager = HazelcastSetup.clusterManager(new NetEchoConfig.Cluster(name, members, "127.0.0.1", port), "127.0.0.1");
    VertxOptions options = new VertxOptions().setHAEnabled(true);
    options.getEventBusOptions().setHost("127.0.0.1");
    Vertx vertx = Vertx.builder().with(options).withClusterManager(manager).buildClustered()
      .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    nodes.add(vertx);
    ClusterView.watch(manager, name);
    return (HazelcastClusterManager) manager;
  }

  private List<String> logged(String start) {
    return log.texts(line -> line.startsWith(start));
  }

  @Test
  void vertxHaStillRedeploysTheVerticlesOfAKilledNodeWhileTheViewLogsItLeaving() throws Exception {
    log = LogCapture.of(ClusterView.class);
    String name = "test-" + UUID.randomUUID();
    int portA = freePort();
    int portB = freePort();
    List<String> members = List.of("127.0.0.1:" + portA, "127.0.0.1:" + portB);
    haNode(name, portA, members);
    Vertx a = nodes.get(0);
    HazelcastClusterManager b = haNode(name, portB, members);
    Vertx vertxB = nodes.get(1);

    CompletableFuture<Vertx> onB = new CompletableFuture<>();
    synchronized (STARTS) {
      STARTS.add(onB);
    }
    vertxB.deployVerticle(HaProbe.class.getName(), new DeploymentOptions().setHa(true))
      .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertEquals(vertxB, onB.get(10, TimeUnit.SECONDS));

    CompletableFuture<Vertx> failedOver = new CompletableFuture<>();
    synchronized (STARTS) {
      STARTS.clear();
      STARTS.add(failedOver);
    }
    // B dies without leaving: its Hazelcast stops at once, as under kill -9
    b.getHazelcastInstance().getLifecycleService().terminate();

    assertEquals(a, failedOver.get(30, TimeUnit.SECONDS), "Vert.x HA did not redeploy B's verticle on A");
    assertEquals(2, logged("joined cluster '" + name + "'").size(), log.texts(line -> true).toString());
    String left = log.next(line -> line.startsWith("cluster member left: ")).get(10, TimeUnit.SECONDS);
    assertTrue(left.endsWith("; 1 member(s)"), log.texts(line -> true).toString());
  }
}
