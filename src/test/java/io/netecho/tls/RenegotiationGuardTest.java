package io.netecho.tls;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The record scan that finds a client's renegotiation, fed record headers as the network cuts them. */
class RenegotiationGuardTest {

  private static final int CCS = 20;
  private static final int HANDSHAKE = 22;
  private static final int DATA = 23;

  private final RenegotiationGuard guard = new RenegotiationGuard();

  private static byte[] record(int type, int length) {
    byte[] record = new byte[5 + length];
    record[0] = (byte) type;
    record[1] = 3;
    record[2] = 3;
    record[3] = (byte) (length >> 8);
    record[4] = (byte) length;
    // bodies full of handshake and CCS type bytes: only headers count
    Arrays.fill(record, 5, record.length, (byte) HANDSHAKE);
    return record;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return all.toByteArray();
  }

  private int find(byte[] bytes) {
    return guard.find(Unpooled.wrappedBuffer(bytes));
  }

  /** A TLS 1.2 client's full handshake: ClientHello, ClientKeyExchange, CCS, Finished. */
  private static byte[] tls12Handshake() {
    return concat(record(HANDSHAKE, 300), record(HANDSHAKE, 70), record(CCS, 1), record(HANDSHAKE, 40));
  }

  @Test
  void aTls12HandshakeAndItsDataAreNoRenegotiation() {
    assertEquals(RenegotiationGuard.NONE, find(tls12Handshake()));
    assertEquals(RenegotiationGuard.NONE, find(concat(record(DATA, 1000), record(DATA, 0), record(21, 26))));
  }

  @Test
  void aHandshakeRecordAfterTheFinishedIsARenegotiation() {
    byte[] data = record(DATA, 100);
    assertEquals(RenegotiationGuard.NONE, find(tls12Handshake()));
    assertEquals(data.length, find(concat(data, record(HANDSHAKE, 200))));
  }

  @Test
  void aRenegotiationInTheSamePacketAsTheFinishedIsFound() {
    byte[] handshake = tls12Handshake();
    assertEquals(handshake.length, find(concat(handshake, record(HANDSHAKE, 200))));
  }

  @Test
  void recordsCutAnywhereAcrossReadsAreFollowed() {
    byte[] all = concat(tls12Handshake(), record(DATA, 300), record(HANDSHAKE, 200));
    int renegotiation = all.length - 205;
    int[] cuts = {1, 3, 4, 200, 305, 306, 310, renegotiation - 2, renegotiation};
    int from = 0;
    for (int cut : cuts) {
      assertEquals(RenegotiationGuard.NONE, find(Arrays.copyOfRange(all, from, cut)), "read up to " + cut);
      from = cut;
    }
    assertEquals(0, find(Arrays.copyOfRange(all, from, all.length)));
  }

  @Test
  void aTls13HandshakeWithAHelloRetryIsNoRenegotiation() {
    // ClientHello, CCS (middlebox compatibility), the second ClientHello, then everything as application data
    assertEquals(RenegotiationGuard.NONE, find(concat(record(HANDSHAKE, 500), record(CCS, 1), record(HANDSHAKE, 500),
      record(DATA, 60), record(DATA, 1000), record(DATA, 20))));
  }

  @Test
  void bytesThatAreNotTlsRecordsAreSaidToBe() {
    assertEquals(RenegotiationGuard.NOT_TLS, find("GET / HTTP/1.1\r\n".getBytes()));
    assertEquals(RenegotiationGuard.NOT_TLS, find(new byte[] {HANDSHAKE, 7, 1, 0, 0}));
  }
}
