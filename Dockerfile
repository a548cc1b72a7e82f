# net-echo's container image: the fat jar on a Java runtime made by jlink, with its class archive.
#   scripts/image       (makes the runtime and the root, then runs docker build; docs/deploy.md)
# BASE is any image with glibc and a /bin/sh; the runtime is not in it but in target/image/runtime,
# which scripts/image links from the JDK it uses (Java 25 when installed: scripts/lib/java) with the
# modules jdeps finds in the jar. Where no registry can be pulled, scripts/image makes the base
# from Debian's packages and passes it: --build-arg BASE=net-echo-root:bookworm
ARG BASE=debian:bookworm-slim
FROM ${BASE}

# a fixed uid/gid that is not root, so Kubernetes' runAsNonRoot can check it from the image alone
RUN echo 'net-echo:x:10001:10001:net-echo:/opt/net-echo:/usr/sbin/nologin' >> /etc/passwd \
  && echo 'net-echo:x:10001:' >> /etc/group

COPY target/image/runtime /opt/net-echo/runtime
COPY deploy/container/net-echo /opt/net-echo/bin/net-echo
COPY target/net-echo.jar /opt/net-echo/net-echo.jar

# The class archive (Java 25: an AOT cache), made by a training run of this very jar on this very
# runtime with the flags the container runs with (root's umask leaves it readable to every user).
RUN NETECHO_MAKE_ARCHIVE=1 /opt/net-echo/bin/net-echo \
  && { [ -s /opt/net-echo/net-echo.aot ] || [ -s /opt/net-echo/net-echo.jsa ]; }

# The echo listens on every interface (the default host 0.0.0.0). The admin endpoint must too, or the
# kubelet's probes (and docker's port publishing) cannot reach it: publish 8125 only on a trusted
# network, and set admin.token (or admin.tokenFile) before that.
ENV NETECHO_ADMIN_HOST=0.0.0.0

# echo (TCP; UDP when udp.enabled), admin HTTP (/health, /metrics, ...), Hazelcast (with -cluster)
EXPOSE 8124/tcp 8124/udp 8125/tcp 5701/tcp

USER 10001:10001
ENTRYPOINT ["/opt/net-echo/bin/net-echo"]
