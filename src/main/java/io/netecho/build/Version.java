package io.netecho.build;

/**
 * The version this build of net-echo carries: the {@code Implementation-Version} the pom writes into
 * the jar's manifest. Classes run from elsewhere (an IDE, the build's test classes) have no manifest
 * and report {@value #UNKNOWN}.
 */
public final class Version {

  /** What {@link #current()} answers outside the jar. */
  public static final String UNKNOWN = "unknown";

  private static final String CURRENT = read();

  private Version() {
  }

  public static String current() {
    return CURRENT;
  }

  private static String read() {
    String version = Version.class.getPackage().getImplementationVersion();
    return version == null || version.isBlank() ? UNKNOWN : version;
  }
}
