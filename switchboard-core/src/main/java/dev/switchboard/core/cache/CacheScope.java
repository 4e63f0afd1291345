package dev.switchboard.core.cache;

/**
 * Who may share a cached answer: a tenant (team or key), a namespace chosen by the caller, and the guard policy in
 * force. Answers never cross scopes.
 */
public record CacheScope(String tenant, String namespace, String policy) {
  public CacheScope {
    tenant = tenant == null || tenant.isEmpty() ? "anonymous" : tenant;
    namespace = namespace == null || namespace.isEmpty() ? "default" : namespace;
    policy = policy == null ? "" : policy;
  }

  /** The readable prefix of every key in this scope; purging a namespace deletes every key under it. */
  public String prefix() {
    return prefix(tenant, namespace);
  }

  public static String prefix(String tenant, String namespace) {
    return "sb:cache:" + tenant + ":" + namespace + ":";
  }
}
