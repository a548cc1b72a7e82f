package io.netecho.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The command-line tools some tests drive (openssl, curl), which a machine may lack. */
public final class Commands {

  private Commands() {
  }

  /** Whether {@code command} is an executable on the PATH: a test that needs it assumes this. */
  public static boolean onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Arrays.stream(path.split(File.pathSeparator)).anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }
}
