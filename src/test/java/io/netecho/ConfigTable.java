package io.netecho;

import io.netecho.config.ConfigKey;
import io.netecho.config.ConfigKeys;

/**
 * The configuration table, generated from the keys: one row per key, in their order. {@link ReadmeTest}
 * holds docs/configuration.md, and the README's rows, to it; to update them, paste the failure's table.
 */
final class ConfigTable {

  private ConfigTable() {
  }

  static String markdown() {
    StringBuilder table = new StringBuilder("| key | type | default | allowed | meaning |\n| --- | --- | --- | --- | --- |\n");
    for (ConfigKey key : ConfigKeys.all()) {
      String shown = key.defaultValue() == null ? "none" : "`" + key.defaultValue() + "`";
      table.append("| `").append(key.path()).append("` | ").append(key.type().label()).append(" | ").append(shown)
        .append(" | ").append(key.allowed()).append(" | ").append(key.meaning()).append(" |\n");
    }
    return table.toString();
  }
}
