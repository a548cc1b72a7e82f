package io.netecho.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Kubernetes service links: for a Service named {@code netecho}, every pod in its namespace gets
 * {@code NETECHO_SERVICE_HOST}, {@code NETECHO_SERVICE_PORT[_<name>]}, {@code NETECHO_PORT=tcp://ip:port}
 * and {@code NETECHO_PORT_<port>_<proto>[_PROTO|_PORT|_ADDR]} (the Docker-links format). They share our
 * {@code NETECHO_} prefix but are not settings: they are taken out of the environment layer with one
 * warning that names them (never their values), so the strict check does not refuse the start.
 * {@code NETECHO_PORT} is a service link only when its value is a {@code proto://} address; a number
 * there is still the {@code port} setting.
 */
final class ServiceLinks {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceLinks.class);
  private static final Pattern NAME = Pattern.compile(
    "NETECHO_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT_\\d{1,5}_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?)",
    Pattern.CASE_INSENSITIVE);
  private static final Pattern LINK_ADDRESS = Pattern.compile("(tcp|udp|sctp)://.*", Pattern.CASE_INSENSITIVE);
  /** The names last warned about: the configuration is read more than once per process (clustered). */
  private static volatile List<String> warned = List.of();

  private ServiceLinks() {
  }

  /** The environment without its service-link variables; warns once when there were some. */
  static SortedMap<String, String> removeFrom(Map<String, String> env) {
    SortedMap<String, String> settings = new TreeMap<>(env);
    List<String> links = new ArrayList<>();
    env.forEach((name, value) -> {
      if (isServiceLink(name, value)) {
        links.add(name);
        settings.remove(name);
      }
    });
    if (!links.isEmpty()) {
      links.sort(null);
      if (!links.equals(warned)) {
        warned = List.copyOf(links);
        LOG.warn("ignored Kubernetes service-link variables {} (a Service named netecho); they are not settings. "
          + "To set the port use netecho.port or -conf, or set enableServiceLinks: false in the pod spec", links);
      }
    }
    return settings;
  }

  static boolean isServiceLink(String name, String value) {
    if (name.equalsIgnoreCase("NETECHO_PORT")) {
      return value != null && LINK_ADDRESS.matcher(value.trim()).matches();
    }
    return NAME.matcher(name).matches();
  }
}
