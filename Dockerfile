# net-echo's container image: the fat jar on a Java 17 runtime.
#   mvn -B package && docker build -t net-echo .
# BASE is any image with a Java 17 `java` on its PATH and bash. Where no registry can be pulled,
# scripts/image builds one from Debian's packages and passes it: --build-arg BASE=net-echo-base:bookworm
ARG BASE=eclipse-temurin:17-jre
FROM ${BASE}

# a fixed uid/gid that is not root, so Kubernetes' runAsNonRoot can check it from the image alone
RUN echo 'net-echo:x:10001:10001:net-echo:/opt/net-echo:/usr/sbin/nologin' >> /etc/passwd \
  && echo 'net-echo:x:10001:' >> /etc/group

WORKDIR /opt/net-echo
COPY deploy/container/net-echo /opt/net-echo/bin/net-echo
COPY scripts/lib/cds-archive /opt/net-echo/bin/cds-archive
COPY target/net-echo.jar /opt/net-echo/net-echo.jar

# the class-data-sharing archive, made by a training run of this very jar on this very JVM
RUN /opt/net-echo/bin/cds-archive /opt/net-echo/net-echo.jar /opt/net-echo/net-echo.jsa \
  && test -s /opt/net-echo/net-echo.jsa && chmod 0444 /opt/net-echo/net-echo.jsa

# The echo listens on every interface (the default host 0.0.0.0). The admin endpoint must too, or the
# kubelet's probes (and docker's port publishing) cannot reach it: publish 8125 only on a trusted
# network, and set admin.token (or admin.tokenFile) before that.
ENV NETECHO_ADMIN_HOST=0.0.0.0

# echo (TCP; UDP when udp.enabled), admin HTTP (/health, /metrics, ...), Hazelcast (with -cluster)
EXPOSE 8124/tcp 8124/udp 8125/tcp 5701/tcp

USER 10001:10001
ENTRYPOINT ["/opt/net-echo/bin/net-echo"]
