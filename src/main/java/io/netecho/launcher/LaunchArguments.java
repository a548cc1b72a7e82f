package io.netecho.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The few command-line options net-echo must know before the Vert.x launcher acts on them:
 * {@code -conf} (the launchers quietly fall back to an empty config when it is malformed),
 * {@code -cluster} and {@code -cluster-host} (Hazelcast is configured before Vert.x starts), and
 * whether {@code -options} choose the transport (otherwise net-echo prefers the native one).
 * Both launchers spell options {@code -name}, {@code --name}, either with {@code =value}.
 */
record LaunchArguments(String conf, boolean clustered, String clusterHost, boolean transportChosen) {

  static LaunchArguments scan(String[] args) {
    String conf = null;
    String clusterHost = null;
    boolean clustered = false;
    boolean transportChosen = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("-")) {
        continue;
      }
      int eq = arg.indexOf('=');
      String name = (eq < 0 ? arg : arg.substring(0, eq)).replaceFirst("^--?", "").toLowerCase(Locale.ROOT);
      String inline = eq < 0 ? null : arg.substring(eq + 1);
      switch (name) {
        case "conf" -> conf = inline != null ? inline : value(args, ++i);
        case "cluster-host" -> clusterHost = inline != null ? inline : value(args, ++i);
        case "c", "cluster", "ha" -> clustered = true;
        case "options" -> transportChosen |= choosesTransport(inline != null ? inline : value(args, ++i));
        default -> { }
      }
    }
    return new LaunchArguments(conf, clustered, clusterHost, transportChosen);
  }

  /** Whether Vert.x's {@code -options} (JSON, or a file of it) say which transport to use. */
  private static boolean choosesTransport(String options) {
    if (options == null) {
      return false;
    }
    if (options.contains("preferNativeTransport")) {
      return true;
    }
    try {
      Path file = Path.of(options);
      return Files.isRegularFile(file) && Files.readString(file).contains("preferNativeTransport");
    } catch (IOException | RuntimeException e) {
      // not a readable file: the launcher reports what is wrong with it
      return false;
    }
  }

  private static String value(String[] args, int i) {
    return i < args.length ? args[i] : null;
  }
}
