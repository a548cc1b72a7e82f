package io.netecho;

import io.vertx.core.transport.Transport;

/** {@link HalfCloseBehaviour} on the JDK NIO transport. */
class HalfCloseNioTest extends HalfCloseBehaviour {

  @Override
  Transport transport() {
    return Transport.NIO;
  }
}
