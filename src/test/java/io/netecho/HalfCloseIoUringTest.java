package io.netecho;

import io.vertx.core.transport.Transport;

/** {@link HalfCloseBehaviour} on the io_uring transport. */
class HalfCloseIoUringTest extends HalfCloseBehaviour {

  @Override
  Transport transport() {
    return Transport.IO_URING;
  }
}
