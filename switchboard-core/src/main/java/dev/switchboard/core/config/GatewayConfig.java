package dev.switchboard.core.config;

import java.util.List;
import java.util.Optional;

/**
 * The whole configuration: an immutable record validated at start-up. Hot reload replaces it whole.
 */
public record GatewayConfig(
    ServerConfig server,
    List<ProviderConfig> providers,
    List<ModelGroupConfig> models,
    AuthConfig auth,
    RoutingConfig routing,
    CacheConfig cache,
    ClusterConfig cluster,
    StoreConfig store,
    GovernanceConfig governance,
    ObservabilityConfig observability,
    GuardrailsConfig guardrails) {

  public GatewayConfig {
    server = server == null ? ServerConfig.defaults() : server;
    providers = providers == null ? List.of() : List.copyOf(providers);
    models = models == null ? List.of() : List.copyOf(models);
    auth = auth == null ? AuthConfig.defaults() : auth;
    routing = routing == null ? RoutingConfig.defaults() : routing;
    cache = cache == null ? CacheConfig.defaults() : cache;
    cluster = cluster == null ? ClusterConfig.defaults() : cluster;
    store = store == null ? StoreConfig.defaults() : store;
    governance = governance == null ? GovernanceConfig.defaults() : governance;
    observability = observability == null ? ObservabilityConfig.defaults() : observability;
    guardrails = guardrails == null ? GuardrailsConfig.defaults() : guardrails;
  }

  /** Without a guardrails section (defaults apply: off). */
  public GatewayConfig(ServerConfig server, List<ProviderConfig> providers, List<ModelGroupConfig> models,
      AuthConfig auth, RoutingConfig routing, CacheConfig cache, ClusterConfig cluster, StoreConfig store,
      GovernanceConfig governance, ObservabilityConfig observability) {
    this(server, providers, models, auth, routing, cache, cluster, store, governance, observability, null);
  }

  /** Without governance and observability sections (defaults apply). */
  public GatewayConfig(ServerConfig server, List<ProviderConfig> providers, List<ModelGroupConfig> models,
      AuthConfig auth, RoutingConfig routing, CacheConfig cache, ClusterConfig cluster, StoreConfig store) {
    this(server, providers, models, auth, routing, cache, cluster, store, null, null);
  }

  public Optional<ProviderConfig> provider(String name) {
    for (ProviderConfig provider : providers) {
      if (provider.name().equals(name)) {
        return Optional.of(provider);
      }
    }
    return Optional.empty();
  }

  /** The same configuration listening on another port. */
  public GatewayConfig withPort(int port) {
    ServerConfig s = server;
    ServerConfig moved = new ServerConfig(s.host(), port, s.adminPort(), s.eventLoops(), s.maxBodyBytes(),
        s.maxHeaderBytes(), s.jsonMaxDepth(), s.clientIdleTimeoutMs(), s.shutdownGraceMs(), s.timeouts(),
        s.headerTimeoutMs(), s.http2Cleartext());
    return new GatewayConfig(moved, providers, models, auth, routing, cache, cluster, store, governance,
        observability, guardrails);
  }
}
