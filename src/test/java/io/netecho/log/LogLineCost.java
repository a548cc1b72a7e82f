package io.netecho.log;

import ch.qos.logback.classic.LoggerContext;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * Not a test: a small benchmark of what one per-chunk log line costs the process in CPU, with the
 * logging configuration given by {@code -Dlogback.configurationFile}. It logs the echo's line
 * ({@code <escaped 64-byte chunk> from <ip>:<port>}) in bursts of 50, as an event loop does for
 * one read of 50 busy connections, pausing between bursts, and compares the process's CPU time
 * with the same loop with logging off. Run it pinned to one CPU, standard output to /dev/null:
 * <pre>
 * taskset -c 0 java -cp target/classes:target/test-classes:$(deps) -Dlogback.configurationFile=F \
 *   io.netecho.log.LogLineCost [lines [slf4j|peer|fluent|decoder]] > /dev/null
 * </pre>
 * With {@code -Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider} and Log4j2 on the class
 * path, the same loop measures Log4j2 instead ({@code -Dlog4j2.configurationFile}).
 * The second argument picks the call: {@code slf4j} (the default, {@code Logger.info}),
 * {@code peer} ({@link PeerLog}), {@code fluent} (SLF4J's {@code atInfo().addKeyValue(..)}, which
 * {@link PeerLog} uses only for JSON) or {@code decoder} (the escaping path every chunk took before the
 * ASCII path). The result goes to standard error.
 */
public final class LogLineCost {

  private static final int BURST = 50;
  private static final long PAUSE_NANOS = 50_000;

  private LogLineCost() {
  }

  public static void main(String[] args) throws Exception {
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 400_000;
    String api = args.length > 1 ? args[1] : "slf4j";
    Logger log = LoggerFactory.getLogger("io.netecho.EchoConnection");
    PeerLog peerLog = PeerLog.of(io.netecho.log.LogLineCost.class);
    Buffer chunk = Buffer.buffer("GET /0123456789abcdef0123456789abcdef HTTP/1.1 request payload!\n".substring(0, 64));
    String peer = "127.0.0.1:54321";
    Thread.currentThread().setName("vert.x-eventloop-thread-0");
    // warm up both loops, so the JIT has compiled what is measured
    run(log, peerLog, api, chunk, peer, lines / 2, true);
    run(log, peerLog, api, chunk, peer, lines / 2, false);
    // let the writer thread finish the warm-up's lines, so their CPU is not counted below
    Thread.sleep(500);
    double[] on = run(log, peerLog, api, chunk, peer, lines, true);
    double[] off = run(log, peerLog, api, chunk, peer, lines, false);
    // and the measured lines, so the dropped count below is final
    Thread.sleep(500);
    long dropped = DroppedLogLines.total();
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
      logback.stop();
    }
    String configuration = System.getProperty("log4j2.configurationFile", System.getProperty("logback.configurationFile"));
    System.err.printf("%s, api %s: %d lines, %.2f us/line process CPU (%.2f us/line on the logging thread), "
        + "%d dropped%n", configuration, api, lines,
      (on[0] - off[0]) / lines / 1000, (on[1] - off[1]) / lines / 1000, dropped);
  }

  /** Process and logging-thread CPU nanoseconds for {@code lines} lines, logged or not. */
  private static double[] run(Logger log, PeerLog peerLog, String api, Buffer chunk, String peer, int lines,
                              boolean logging) {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var threads = ManagementFactory.getThreadMXBean();
    long process = os.getProcessCpuTime();
    long thread = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < lines; i++) {
      if (logging) {
        if (api.equals("peer")) {
          if (peerLog.isInfoEnabled()) {
            peerLog.info(peer, "{} from {}", LogText.escape(chunk, 200), peer);
          }
        } else if (api.equals("fluent")) {
          // SLF4J's fluent API with the peer as a key-value pair, for every format
          if (log.isInfoEnabled()) {
            log.atInfo().addKeyValue("peer", peer).log("{} from {}", LogText.escape(chunk, 200), peer);
          }
        } else if (api.equals("decoder")) {
          // the escaping every chunk had before the ASCII path
          if (log.isInfoEnabled()) {
            log.info("{} from {}", LogText.escapeEachCodePoint(chunk, 200), peer);
          }
        } else if (log.isInfoEnabled()) {
          log.info("{} from {}", LogText.escape(chunk, 200), peer);
        }
      }
      if (i % BURST == BURST - 1) {
        LockSupport.parkNanos(PAUSE_NANOS);
      }
    }
    // let the writer finish what it was given before reading the process's CPU time
    LockSupport.parkNanos(200_000_000);
    return new double[] {os.getProcessCpuTime() - process, threads.getCurrentThreadCpuTime() - thread};
  }
}
