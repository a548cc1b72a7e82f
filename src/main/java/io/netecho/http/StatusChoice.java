package io.netecho.http;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A status code picked from a list: httpbin's {@code 200:0.9,503:0.1} (weights relative to their sum,
 * 1 when left out) or fortio's {@code 503:10,429:5} (percentages; the rest of the requests get 200).
 * Parsed by hand: no regular expression on the request path.
 */
final class StatusChoice {

  static final int MIN_CODE = 200;
  static final int MAX_CODE = 599;

  private StatusChoice() {
  }

  /** httpbin: {@code 418}, {@code 200,503} (equal chances) or {@code 200:0.9,503:0.1}. */
  static int relative(String list) {
    String[] items = list.split(",", -1);
    int[] codes = new int[items.length];
    double[] weights = new double[items.length];
    double total = 0;
    for (int i = 0; i < items.length; i++) {
      int colon = items[i].indexOf(':');
      codes[i] = code(colon < 0 ? items[i] : items[i].substring(0, colon), list);
      weights[i] = colon < 0 ? 1 : weight(items[i].substring(colon + 1), list);
      total += weights[i];
    }
    if (items.length == 1) {
      return codes[0];
    }
    if (total <= 0) {
      throw new BadRequest("status list " + list + " has no positive weight");
    }
    double pick = ThreadLocalRandom.current().nextDouble(total);
    for (int i = 0; i < codes.length; i++) {
      pick -= weights[i];
      if (pick < 0) {
        return codes[i];
      }
    }
    return codes[codes.length - 1];
  }

  /** fortio: {@code 503} (always), or {@code 503:10,429:5} (10% 503, 5% 429, else 200); percentages add up to at most 100. */
  static int percent(String list) {
    String[] items = list.split(",", -1);
    if (items.length == 1 && items[0].indexOf(':') < 0) {
      return code(items[0], list);
    }
    double pick = ThreadLocalRandom.current().nextDouble(100);
    double total = 0;
    int chosen = 200;
    for (String item : items) {
      int colon = item.indexOf(':');
      int code = code(colon < 0 ? item : item.substring(0, colon), list);
      double percent = colon < 0 ? 100 : weight(item.substring(colon + 1), list);
      if (pick >= total && pick < total + percent && chosen == 200) {
        chosen = code;
      }
      total += percent;
    }
    if (total > 100.000001) {
      throw new BadRequest("status percentages in " + list + " add up to more than 100");
    }
    return pick < total ? chosen : 200;
  }

  static int code(String text, String list) {
    int code;
    try {
      code = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new BadRequest("malformed status list " + list + ": " + text + " is not a status code");
    }
    if (code < MIN_CODE || code > MAX_CODE) {
      throw new BadRequest("unknown status code " + code + ": use " + MIN_CODE + ".." + MAX_CODE);
    }
    return code;
  }

  private static double weight(String text, String list) {
    try {
      double weight = Double.parseDouble(text.trim());
      if (weight >= 0 && Double.isFinite(weight)) {
        return weight;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new BadRequest("malformed status list " + list + ": weight " + text + " is not a number >= 0");
  }
}
