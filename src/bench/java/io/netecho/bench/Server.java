package io.netecho.bench;

import java.util.Locale;

/** The servers the bench compares: a program, and whether it logs as Node's example does. */
enum Server {
  RAW_NETTY(Program.RAW_NETTY, false, "raw Netty", "raw Netty"),
  PLAIN_VERTX(Program.PLAIN_VERTX, false, "plain Vert.x", "plain Vert.x echo"),
  NET_ECHO(Program.NET_ECHO, false, "net-echo", "net-echo, log.data=false"),
  NET_ECHO_LOG(Program.NET_ECHO, true, "net-echo+log", "net-echo, default logging"),
  /** net-echo as {@link #NET_ECHO}, on Java 17 with that version's flags, beside it on Java 25. */
  NET_ECHO_17(Program.NET_ECHO, false, "net-echo-17", "net-echo, log.data=false, Java 17"),
  NODE_LOG(Program.NODE, true, "Node+log", "Node, logging as the example"),
  NODE(Program.NODE, false, "Node", "Node, no logging");

  /** The program a server runs. */
  enum Program {
    RAW_NETTY, PLAIN_VERTX, NET_ECHO, NODE
  }

  private final Program program;
  private final boolean logging;
  private final String label;
  private final String header;

  Server(Program program, boolean logging, String label, String header) {
    this.program = program;
    this.logging = logging;
    this.label = label;
    this.header = header;
  }

  Program program() {
    return program;
  }

  /** Whether it logs each connection and chunk (net-echo's default, Node's example). */
  boolean logging() {
    return logging;
  }

  /** Whether it runs on Java 17 while the others run on the bench's JVM. */
  boolean java17() {
    return this == NET_ECHO_17;
  }

  /** A short name, for the console and file names. */
  String label() {
    return label;
  }

  /** The name a report's column carries. */
  String header() {
    return header;
  }

  /** The name {@code --servers} takes: {@code net-echo-log}, {@code plain-vertx}... */
  String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static Server byId(String id) {
    for (Server server : values()) {
      if (server.id().equals(id)) {
        return server;
      }
    }
    throw new IllegalArgumentException("unknown server " + id + " (use raw-netty, plain-vertx, net-echo, net-echo-log, net-echo-17, "
      + "node-log, node)");
  }
}
