package dev.switchboard.core.config;

import java.util.List;

/**
 * Whether clients may name the upstream base URL. Off by default; when on, only hosts in {@code allowed_hosts}
 * (exact, or "*.example.com") are accepted, and private, loopback and link-local targets are refused unless
 * {@code allow_private_targets} is set.
 */
public record UpstreamUrlConfig(Boolean allowClientBaseUrl, List<String> allowedHosts, Boolean allowPrivateTargets) {
  public UpstreamUrlConfig {
    allowClientBaseUrl = allowClientBaseUrl != null && allowClientBaseUrl;
    allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    allowPrivateTargets = allowPrivateTargets != null && allowPrivateTargets;
  }

  public static UpstreamUrlConfig defaults() {
    return new UpstreamUrlConfig(null, null, null);
  }
}
