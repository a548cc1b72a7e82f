package io.netecho.launcher;

import io.netecho.build.Version;
import io.netecho.config.ConfigKey;
import io.netecho.config.ConfigKeys;
import io.vertx.core.json.Json;

import java.io.PrintStream;

/**
 * {@code --help} (also {@code -h}) and {@code --version}, answered by both launchers before Vert.x's
 * launcher sees the arguments (it would print its own, generic usage). The usage lists the start
 * options and every configuration key of {@link ConfigKeys#all()} with its default and the
 * environment variables and system property that set it, so it cannot drift from the schema.
 */
final class Usage {

  private Usage() {
  }

  /** Prints the usage or the version when an argument asks for it, and answers whether it did. */
  static boolean answered(String[] args, PrintStream out) {
    for (String arg : args) {
      switch (arg) {
        case "-h", "-help", "--help" -> {
          out.print(text());
          out.flush();
          return true;
        }
        case "--version" -> {
          out.println(version());
          out.flush();
          return true;
        }
        default -> { }
      }
    }
    return false;
  }

  /** {@code net-echo <version>}, the version from the jar's manifest. */
  static String version() {
    return "net-echo " + Version.current();
  }

  static String text() {
    StringBuilder text = new StringBuilder()
      .append(version()).append(": Node's net echo server as a Vert.x verticle, grown into a network test service.\n")
      .append("""

        Usage:
          java -jar target/net-echo.jar [options]
          scripts/run [options]              one echo instance per CPU core unless -instances is given
          scripts/vertx run io.netecho.EchoVerticle [options]
                                             the Vert.x command line; also start, list, stop <id>
          any of them with -h or --help      this text
          any of them with --version         the version

        Options:
          -instances N        N echo instances, each on an event loop of its own, all on one port (default 1)
          -conf FILE|JSON     a configuration layer: a JSON file, or the JSON itself
                              (without it: conf/config.json when that file exists)
          -cluster            join a Hazelcast cluster, configured by the cluster.* keys
          -cluster-host HOST  the address Hazelcast and the event bus bind; overrides cluster.host

        Configuration keys, with their defaults; later layers win:
          defaults < -conf < environment variables < system properties (java -Dname=value -jar ...)
        Nested keys are nested objects in -conf: {"reply":{"prefix":"> "}} sets reply.prefix.

        """);
    for (ConfigKey key : ConfigKeys.all()) {
      text.append("  ").append(key.path()).append(" = ").append(shown(key.defaultValue()))
        .append("   (").append(key.type().label()).append(key.allowed().equals("any") ? "" : "; " + key.allowed()).append(")\n")
        .append("      ").append(key.meaning()).append('\n')
        .append("      env ").append(String.join(" or ", key.envNames()))
        .append(", system property ").append(key.systemProperty()).append('\n');
    }
    return text.toString();
  }

  private static String shown(Object defaultValue) {
    return defaultValue == null ? "none" : defaultValue instanceof String ? Json.encode(defaultValue) : defaultValue.toString();
  }
}
