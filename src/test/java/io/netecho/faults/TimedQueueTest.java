package io.netecho.faults;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schedule of the reply delay, the latency fault and the bandwidth fault, on a clock the test
 * turns: each timer fires exactly when it is due, or as late as the test says, so the times at which
 * bytes leave are exact where the end-to-end tests, on a shared machine, can only bound them below.
 */
@Timeout(30)
class TimedQueueTest {

  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  private static final int RATE = 64 * 1024;

  /** A piece that left the queue: when, and its bytes. */
  private record Left(long atNanos, Buffer data) {
  }

  private final Clock clock = new Clock();
  private final List<Left> left = new ArrayList<>();

  private void out(Buffer data) {
    left.add(new Left(clock.now, data));
  }

  private static Buffer bytes(int n, int seed) {
    Buffer data = Buffer.buffer(n);
    for (int i = 0; i < n; i++) {
      data.appendByte((byte) (seed + i));
    }
    return data;
  }

  private Buffer allThatLeft() {
    Buffer all = Buffer.buffer();
    left.forEach(piece -> all.appendBuffer(piece.data()));
    return all;
  }

  @Test
  void bandwidthLetsNoByteGoBeforeTheRateAllowsNorLaterThanAMillisecondAfter() {
    TimedQueue queue = TimedQueue.pacing(clock, 0, 0, RATE, this::out, () -> false, () -> { });
    long start = clock.now;
    Buffer data = bytes(3 * RATE, 7);
    queue.add(data.copy());
    clock.runAll();
    assertEquals(data, allThatLeft());
    long before = 0;
    for (Left piece : left) {
      long due = start + before * SECOND / RATE;
      assertTrue(piece.atNanos() >= due, "a piece after " + before + " bytes left " + (due - piece.atNanos()) + " ns early");
      assertTrue(piece.atNanos() < due + MS, "a piece after " + before + " bytes left " + (piece.atNanos() - due) + " ns late");
      before += piece.data().length();
    }
    // three seconds' worth, the first piece at once: the last goes a piece's time short of 3 s
    long last = left.get(left.size() - 1).atNanos() - start;
    assertTrue(last >= 3 * SECOND - 60 * MS && last <= 3 * SECOND, "the last piece left after " + last + " ns");
  }

  @Test
  void bandwidthCatchesUpALateTimerSoTheRateHoldsOverTime() {
    TimedQueue queue = TimedQueue.pacing(clock, 0, 0, RATE, this::out, () -> false, () -> { });
    long start = clock.now;
    queue.add(bytes(2 * RATE, 1));
    // the event loop is busy for half a second: what was due meanwhile leaves at once when it is free
    clock.lateBy(500 * MS);
    clock.runAll();
    long late = left.get(1).atNanos();
    assertEquals(start + 550 * MS, late, "the second piece, due at 50 ms, left when the late timer fired");
    long outByThen = left.stream().filter(piece -> piece.atNanos() <= late).mapToLong(piece -> piece.data().length()).sum();
    long allowed = RATE * 550L / 1000;
    int piece = left.get(0).data().length();
    assertTrue(outByThen >= allowed && outByThen <= allowed + piece, outByThen + " bytes out at 550 ms, " + allowed + " allowed");
    long last = left.get(left.size() - 1).atNanos() - start;
    assertTrue(last <= 2 * SECOND, "the last piece left after " + last + " ns: the late half second was not caught up");
  }

  @Test
  void anIdleQueueEarnsNoCreditForALaterBurst() {
    TimedQueue queue = TimedQueue.pacing(clock, 0, 0, RATE, this::out, () -> false, () -> { });
    queue.add(bytes(RATE / 10, 1));
    clock.runAll();
    clock.advance(10 * SECOND);
    left.clear();
    long burst = clock.now;
    queue.add(bytes(RATE, 2));
    clock.runAll();
    long last = left.get(left.size() - 1).atNanos() - burst;
    assertTrue(last >= SECOND - 60 * MS, "a second's worth after ten idle seconds took " + last + " ns");
  }

  @Test
  void aBlockedSocketGetsNothingAndTheQueueLooksAgainEveryTick() {
    boolean[] blocked = {true};
    TimedQueue queue = TimedQueue.pacing(clock, 0, 0, RATE, this::out, () -> blocked[0], () -> { });
    queue.add(bytes(RATE, 1));
    clock.advance(SECOND);
    assertEquals(List.of(), left);
    assertEquals(List.of(50L), clock.delaysAsked.stream().distinct().toList());
    blocked[0] = false;
    clock.runAll();
    assertEquals(RATE, allThatLeft().length());
  }

  @Test
  void theSlicerSendsPiecesOfItsSizeItsDelayApart() {
    TimedQueue queue = TimedQueue.pacing(clock, 100, 20, 0, this::out, () -> false, () -> { });
    long start = clock.now;
    queue.add(bytes(1000, 3));
    clock.runAll();
    assertEquals(10, left.size());
    for (int i = 0; i < 10; i++) {
      assertEquals(100, left.get(i).data().length());
      assertEquals(start + i * 20 * MS, left.get(i).atNanos());
    }
  }

  @Test
  void eachDelayedEntryLeavesWhenItsOwnWaitIsOverAndNoMillisecondLater() {
    // the latency fault's draws, 40 ± 30 ms: at the ends of the range and in it
    PrimitiveIterator.OfLong waits = LongStream.of(10, 70, 40, 11, 69).map(ms -> ms * MS).iterator();
    TimedQueue queue = TimedQueue.delaying(clock, waits::nextLong, this::out, () -> { });
    long[] due = new long[5];
    for (int i = 0; i < 5; i++) {
      // each reply after the previous one has left, as a client that waits for its answer sends
      long sent = clock.now;
      queue.add(bytes(12, i));
      clock.runAll();
      due[i] = sent + List.of(10L, 70L, 40L, 11L, 69L).get(i) * MS;
      assertEquals(i + 1, left.size());
      long at = left.get(i).atNanos();
      assertTrue(at >= due[i] && at < due[i] + MS, "reply " + i + " left " + (at - due[i]) + " ns after its due time");
    }
  }

  @Test
  void delayedEntriesKeepTheirOrderWhateverTheirDraws() {
    PrimitiveIterator.OfLong waits = LongStream.of(100, 0, 50, 1).map(ms -> ms * MS).iterator();
    TimedQueue queue = TimedQueue.delaying(clock, waits::nextLong, this::out, () -> { });
    long start = clock.now;
    for (int i = 0; i < 4; i++) {
      queue.add(Buffer.buffer("<" + i + ">"));
      clock.advance(MS);
    }
    clock.runAll();
    assertEquals("<0><1><2><3>", allThatLeft().toString());
    // the first waits 100 ms; the others, due earlier, go right behind it
    left.forEach(piece -> assertEquals(start + 100 * MS, piece.atNanos()));
  }

  /** Time that moves only when the test moves it, and timers that fire at their time (or late, when told). */
  private static final class Clock implements TimedQueue.Timers {

    private record Timer(long dueNanos, long id) implements Comparable<Timer> {
      @Override
      public int compareTo(Timer other) {
        return dueNanos != other.dueNanos ? Long.compare(dueNanos, other.dueNanos) : Long.compare(id, other.id);
      }
    }

    long now = 1_000 * SECOND;
    final List<Long> delaysAsked = new ArrayList<>();
    private final TreeMap<Timer, Handler<Long>> timers = new TreeMap<>();
    private long ids;
    private long lateNanos;

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public long setTimer(long delayMs, Handler<Long> handler) {
      delaysAsked.add(delayMs);
      long id = ids++;
      timers.put(new Timer(now + delayMs * MS, id), handler);
      return id;
    }

    @Override
    public void cancelTimer(long id) {
      timers.keySet().removeIf(timer -> timer.id() == id);
    }

    /** The next timer to fire fires this much after its time. */
    void lateBy(long nanos) {
      lateNanos = nanos;
    }

    /** Moves to {@code nanos} from now, firing every timer due by then, each at its time. */
    void advance(long nanos) {
      long until = now + nanos;
      for (int fired = 0; !timers.isEmpty() && timers.firstKey().dueNanos() + lateNanos <= until; fired++) {
        assertTrue(fired < 1_000_000, "timers without end");
        fire();
      }
      now = until;
    }

    /** Fires timers until none is left. */
    void runAll() {
      for (int fired = 0; !timers.isEmpty(); fired++) {
        assertTrue(fired < 1_000_000, "timers without end");
        fire();
      }
    }

    private void fire() {
      var timer = timers.pollFirstEntry();
      now = Math.max(now, timer.getKey().dueNanos() + lateNanos);
      lateNanos = 0;
      timer.getValue().handle(timer.getKey().id());
    }
  }
}
