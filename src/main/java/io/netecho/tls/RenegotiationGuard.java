package io.netecho.tls;

import io.netty.buffer.ByteBuf;

/**
 * Finds a client's renegotiation in its TLS record stream, from the plaintext record headers only
 * (type, version, length; the bodies are skipped, never decrypted).
 *
 * <p>A TLS 1.2 client ends its handshake with ChangeCipherSpec, then Finished, a handshake record;
 * after that it never sends a handshake record again unless it starts a new handshake, which from a
 * client is a renegotiation. So the first handshake record after the first ChangeCipherSpec is the
 * Finished, and any later one is refused. TLS 1.3 sends everything after its ClientHello (or the
 * second one, after a HelloRetryRequest) as application-data records, so nothing there is ever
 * refused; its connections stop being watched once their handshake is done ({@link GuardedSslHandler}).
 *
 * <p>The rule follows the records, not the handshake's progress as the engine reports it, so a
 * renegotiation sent in the same packet as the client's Finished is caught as well. Records may be
 * cut anywhere across reads.
 */
final class RenegotiationGuard implements RecordHeaders.Watcher {

  /** {@link #find}: no renegotiation in these bytes. */
  static final int NONE = -1;
  /** {@link #find}: these bytes are not TLS records; the engine refuses them, nothing left to watch. */
  static final int NOT_TLS = -2;

  private static final int CHANGE_CIPHER_SPEC = 20;
  private static final int HANDSHAKE = 22;
  private static final int HEARTBEAT = 24;

  private enum Phase { HANDSHAKE, FINISHED_NEXT, ESTABLISHED }

  private final RecordHeaders headers = new RecordHeaders();
  private Phase phase = Phase.HANDSHAKE;

  /**
   * The index in {@code bytes} where a renegotiating record starts, {@link #NONE}, or {@link #NOT_TLS};
   * reads nothing but the headers, and moves no index of {@code bytes}.
   */
  int find(ByteBuf bytes) {
    int found = headers.walk(bytes, this);
    return found == RecordHeaders.GO_ON ? NONE : found;
  }

  @Override
  public int recordStarts(int type, int index) {
    if (type < CHANGE_CIPHER_SPEC || type > HEARTBEAT) {
      return NOT_TLS;
    }
    return type == HANDSHAKE && phase == Phase.ESTABLISHED ? index : RecordHeaders.GO_ON;
  }

  @Override
  public int majorVersion(int major) {
    return major == 3 ? RecordHeaders.GO_ON : NOT_TLS;
  }

  @Override
  public void headerRead(int type) {
    if (type == CHANGE_CIPHER_SPEC && phase == Phase.HANDSHAKE) {
      phase = Phase.FINISHED_NEXT;
    } else if (type == HANDSHAKE && phase == Phase.FINISHED_NEXT) {
      phase = Phase.ESTABLISHED;
    }
  }
}
