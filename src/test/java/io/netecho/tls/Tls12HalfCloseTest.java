package io.netecho.tls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The record scan that keeps a TLS 1.2 alert from the engine, fed raw records as the network cuts them. */
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

  @Test
  void recordsBeforeAnAlertPassAndTheAlertEndsTheInput() {
    byte[] data = concat(record(23, 300, 7), record(23, 10, 8));
    feed(concat(data, record(21, 26, 9)));

    assertArrayEquals(data, passed.toByteArray());
    assertEquals(List.of(SslCloseCompletionEvent.SUCCESS), events);
  }

  @Test
  void recordsCutAnywhereAcrossReadsAreFollowed() {
    byte[] data = concat(record(22, 40, 1), record(23, 300, 2), record(23, 0, 0), record(23, 5, 3));
    byte[] all = concat(data, record(21, 26, 4));
    // cut inside a header (after the type, inside the length), inside a body and right before the alert
    feed(all, 1, 4, 50, 51, 49 + 305 + 3, data.length);

    assertArrayEquals(data, passed.toByteArray());
    assertEquals(List.of(SslCloseCompletionEvent.SUCCESS), events);
  }

  @Test
  void anAlertTypeByteInsideARecordBodyIsNotAnAlert() {
    byte[] data = concat(record(23, 64, 21), record(23, 21, 21));
    feed(data);

    assertArrayEquals(data, passed.toByteArray());
    assertTrue(events.isEmpty(), events.toString());
  }

  @Test
  void bytesAfterTheAlertNeverReachTheEngine() {
    byte[] data = record(23, 10, 5);
    feed(concat(data, record(21, 26, 6), record(23, 10, 7)));
    channel.writeInbound(Unpooled.wrappedBuffer(record(23, 10, 8)));

    assertArrayEquals(data, passed.toByteArray());
    assertEquals(1, events.size());
    assertFalse(channel.finishAndReleaseAll());
  }
}
