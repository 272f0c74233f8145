package org.facesearch.web;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the server listens and what it accepts.
 *
 * @param port 0 picks a free port
 * @param maxUploadBytes the largest photo accepted (a request may carry two, for verification)
 * @param adminToken enables the admin API ({@code POST /api/enroll}) for requests that send it as
 *     {@code Authorization: Bearer <token>}; empty disables it
 * @param refreshEvery how often the server looks for a new build
 */
public record ServerSettings(
    String host,
    int port,
    long maxUploadBytes,
    Optional<String> adminToken,
    Duration refreshEvery) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 7070;
  public static final long DEFAULT_MAX_UPLOAD_BYTES = 10L * 1024 * 1024;
  public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(2);

  /** Not an upload limit but a safety net: ImageIO buffers need an int-sized array. */
  public static final long MAX_UPLOAD_LIMIT = 512L * 1024 * 1024;

  public ServerSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(adminToken, "adminToken");
    Objects.requireNonNull(refreshEvery, "refreshEvery");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("the port must be in 0..65535, got " + port);
    }
    if (maxUploadBytes < 1 || maxUploadBytes > MAX_UPLOAD_LIMIT) {
      throw new IllegalArgumentException(
          "the upload limit must be between 1 byte and "
              + MAX_UPLOAD_LIMIT / (1024 * 1024)
              + " MB, got "
              + maxUploadBytes
              + " bytes");
    }
    if (adminToken.isPresent() && adminToken.get().isBlank()) {
      throw new IllegalArgumentException(
          "the admin token (FACESEARCH_ADMIN_TOKEN) must not be blank");
    }
    if (refreshEvery.isNegative() || refreshEvery.isZero()) {
      throw new IllegalArgumentException(
          "the refresh interval must be positive, got " + refreshEvery);
    }
  }

  /** The defaults: 127.0.0.1:7070, 10 MB uploads, no admin API, refresh every 2 s. */
  public static ServerSettings defaults() {
    return new ServerSettings(
        DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_UPLOAD_BYTES, Optional.empty(), DEFAULT_REFRESH);
  }

  public ServerSettings withPort(int newPort) {
    return new ServerSettings(host, newPort, maxUploadBytes, adminToken, refreshEvery);
  }

  public ServerSettings withAdminToken(Optional<String> token) {
    return new ServerSettings(host, port, maxUploadBytes, token, refreshEvery);
  }

  public ServerSettings withRefreshEvery(Duration every) {
    return new ServerSettings(host, port, maxUploadBytes, adminToken, every);
  }

  public ServerSettings withMaxUploadBytes(long bytes) {
    return new ServerSettings(host, port, bytes, adminToken, refreshEvery);
  }
}
