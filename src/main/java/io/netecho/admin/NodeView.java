package io.netecho.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netecho.cluster.Broadcasts;
import io.netecho.cluster.ClusterStats;
import io.netecho.cluster.Members;
import io.netecho.health.Readiness;

/** What the admin endpoint shows and drives of its node. */
public record NodeView(Members members, PrometheusMeterRegistry registry, ClusterStats clusterStats,
                       Broadcasts broadcasts, Readiness readiness, FaultsApi faults) {
}
