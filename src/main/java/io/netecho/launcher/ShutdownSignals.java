package io.netecho.launcher;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT end the process with exit code 0 once the shutdown hooks (which undeploy the
 * verticles and so drain their connections) have run; the JVM's own answer would be 143 or 130,
 * which service managers read as a crash.
 */
final class ShutdownSignals {

  private ShutdownSignals() {
  }

  static void exitCleanly() {
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), signal -> System.exit(0));
    }
  }
}
