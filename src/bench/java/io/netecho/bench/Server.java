package io.netecho.bench;

/** The servers the bench compares. */
enum Server {
  NET_ECHO("net-echo"),
  RAW_NETTY("raw Netty"),
  NODE("Node");

  private final String label;

  Server(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
