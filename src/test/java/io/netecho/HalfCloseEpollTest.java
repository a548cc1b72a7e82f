package io.netecho;

import io.vertx.core.transport.Transport;

/** {@link HalfCloseBehaviour} on the native epoll transport. */
class HalfCloseEpollTest extends HalfCloseBehaviour {

  @Override
  Transport transport() {
    return Transport.EPOLL;
  }
}
