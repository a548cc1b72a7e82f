package io.netecho.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Every run's sample, and the medians and same-round ratios the report shows. */
final class Results {

  record Run(Scenario scenario, int round, Server server, Sample sample) {
  }

  private final List<Run> runs = new ArrayList<>();

  void add(Scenario scenario, int round, Server server, Sample sample) {
    runs.add(new Run(scenario, round, server, sample));
  }

  List<Run> runs() {
    return runs;
  }

  List<Sample> samples(Scenario scenario, Server server) {
    return runs.stream().filter(r -> r.scenario == scenario && r.server == server).map(Run::sample).toList();
  }

  boolean has(Scenario scenario, Server server) {
    return samples(scenario, server).stream().anyMatch(s -> !Double.isNaN(s.value()));
  }

  double median(Scenario scenario, Server server, ToDoubleFunction<Sample> field) {
    return median(samples(scenario, server).stream().mapToDouble(field).toArray());
  }

  /** The median over rounds of {@code subject}'s {@code field} divided by {@code reference}'s in the same round. */
  double ratio(Scenario scenario, Server subject, Server reference, ToDoubleFunction<Sample> field) {
    List<Double> ratios = new ArrayList<>();
    for (Run mine : runs) {
      if (mine.scenario != scenario || mine.server != subject) {
        continue;
      }
      for (Run theirs : runs) {
        if (theirs.scenario == scenario && theirs.server == reference && theirs.round == mine.round) {
          ratios.add(field.applyAsDouble(mine.sample) / field.applyAsDouble(theirs.sample));
        }
      }
    }
    return median(ratios.stream().mapToDouble(Double::doubleValue).toArray());
  }

  long errors(Scenario scenario, Server server) {
    return samples(scenario, server).stream().mapToLong(Sample::errors).sum();
  }

  /** The median of the numbers that are not NaN; NaN when there are none. */
  static double median(double[] values) {
    double[] known = Arrays.stream(values).filter(v -> !Double.isNaN(v) && !Double.isInfinite(v)).sorted().toArray();
    if (known.length == 0) {
      return Double.NaN;
    }
    int mid = known.length / 2;
    return known.length % 2 == 1 ? known[mid] : (known[mid - 1] + known[mid]) / 2;
  }
}
