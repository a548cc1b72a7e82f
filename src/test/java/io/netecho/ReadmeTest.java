package io.netecho;

import io.netecho.config.ConfigSchema;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's configuration table is the schema's own, so the two cannot drift apart. */
class ReadmeTest {

  @Test
  void readmeHoldsTheConfigurationTableOfTheSchema() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    assertTrue(readme.contains(ConfigSchema.markdownTable()),
      "README.md's configuration table differs from ConfigSchema.markdownTable():\n" + ConfigSchema.markdownTable());
  }
}
