package io.netecho.tls;

import io.netecho.net.HeldAlert;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The record scan that holds a TLS 1.2 alert back from the engine until released, fed raw records as
 * the network cuts them.
 */
class Tls12HalfCloseTest {

  private final ByteArrayOutputStream passed = new ByteArrayOutputStream();
  private final List<Object> events = new ArrayList<>();
  private final EmbeddedChannel channel = new EmbeddedChannel(new Tls12HalfClose(), new ChannelInboundHandlerAdapter() {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf bytes = (ByteBuf) msg;
      byte[] copy = new byte[bytes.readableBytes()];
      bytes.readBytes(copy);
      passed.writeBytes(copy);
      bytes.release();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      events.add(event);
    }
  });

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  private static byte[] record(int type, int length, int fill) {
    byte[] record = new byte[5 + length];
    record[0] = (byte) type;
    record[1] = 3;
    record[2] = 3;
    record[3] = (byte) (length >> 8);
    record[4] = (byte) length;
    java.util.Arrays.fill(record, 5, record.length, (byte) fill);
    return record;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return all.toByteArray();
  }

  private void feed(byte[] bytes, int... cuts) {
    int from = 0;
    for (int cut : cuts) {
      channel.writeInbound(Unpooled.wrappedBuffer(bytes, from, cut - from));
      from = cut;
    }
    channel.writeInbound(Unpooled.wrappedBuffer(bytes, from, bytes.length - from));
  }

  private HeldAlert held() {
    List<HeldAlert> alerts = events.stream().filter(HeldAlert.class::isInstance).map(HeldAlert.class::cast).toList();
    assertEquals(1, alerts.size(), events.toString());
    return alerts.get(0);
  }

  @Test
  void recordsBeforeAnAlertPassAndTheAlertWaitsForItsRelease() {
    byte[] data = concat(record(23, 300, 7), record(23, 10, 8));
    byte[] alert = record(21, 26, 9);
    feed(concat(data, alert));

    assertArrayEquals(data, passed.toByteArray());
    held().release();
    assertArrayEquals(concat(data, alert), passed.toByteArray());
    // the engine, not this handler, says whether the input is over
    assertTrue(events.stream().noneMatch(SslCloseCompletionEvent.class::isInstance), events.toString());
  }

  @Test
  void recordsCutAnywhereAcrossReadsAreFollowed() {
    byte[] data = concat(record(22, 40, 1), record(23, 300, 2), record(23, 0, 0), record(23, 5, 3));
    byte[] all = concat(data, record(21, 26, 4));
    // cut inside a header (after the type, inside the length), inside a body and right before the alert
    feed(all, 1, 4, 50, 51, 49 + 305 + 3, data.length);

    assertArrayEquals(data, passed.toByteArray());
    held().release();
    assertArrayEquals(all, passed.toByteArray());
  }

  @Test
  void anAlertTypeByteInsideARecordBodyIsNotAnAlert() {
    byte[] data = concat(record(23, 64, 21), record(23, 21, 21));
    feed(data);

    assertArrayEquals(data, passed.toByteArray());
    assertTrue(events.isEmpty(), events.toString());
  }

  @Test
  void bytesAfterTheAlertWaitAndFollowItOnRelease() {
    byte[] data = record(23, 10, 5);
    byte[] rest = concat(record(21, 26, 6), record(23, 10, 7), record(23, 10, 8));
    feed(concat(data, rest), data.length + 31 + 3);

    assertArrayEquals(data, passed.toByteArray());
    held().release();
    assertArrayEquals(concat(data, rest), passed.toByteArray());
  }

  @Test
  void anIncompleteAlertIsReleasedOnceItIsWhole() {
    byte[] alert = record(21, 26, 6);
    channel.writeInbound(Unpooled.wrappedBuffer(alert, 0, 10));
    held().release();
    assertEquals(0, passed.size());

    channel.writeInbound(Unpooled.wrappedBuffer(alert, 10, alert.length - 10));
    assertArrayEquals(alert, passed.toByteArray());
  }

  @Test
  void aFinBehindAHeldAlertWaitsForIt() {
    byte[] alert = record(21, 26, 6);
    feed(alert);
    channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
    assertEquals(1, events.size(), events.toString());

    held().release();
    assertArrayEquals(alert, passed.toByteArray());
    assertEquals(ChannelInputShutdownEvent.INSTANCE, events.get(1));
  }

  @Test
  void aSecondAlertAfterAReleasedOneIsHeldInTurn() {
    byte[] first = record(21, 26, 6);
    byte[] data = record(23, 10, 7);
    byte[] second = record(21, 26, 8);
    feed(concat(first, data, second));
    held().release();

    assertArrayEquals(concat(first, data), passed.toByteArray());
    HeldAlert next = (HeldAlert) events.get(1);
    next.release();
    assertArrayEquals(concat(first, data, second), passed.toByteArray());
  }

  @Test
  void nothingHeldLeaksWhenTheConnectionCloses() {
    ByteBuf read = Unpooled.copiedBuffer(concat(record(21, 26, 6), record(23, 100, 7)));
    channel.writeInbound(read.retain());
    assertEquals(2, read.refCnt(), "held");
    channel.finishAndReleaseAll();
    assertEquals(1, read.refCnt(), "released with the channel");
    read.release();
  }
}
