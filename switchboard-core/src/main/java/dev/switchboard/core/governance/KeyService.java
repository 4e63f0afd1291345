package dev.switchboard.core.governance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.auth.InvalidationBus;
import dev.switchboard.core.auth.KeyLookup;
import dev.switchboard.core.auth.KeyRecord;
import dev.switchboard.core.auth.StaticKeyResolver;
import dev.switchboard.core.limits.Quota;
import dev.switchboard.core.limits.QuotaDirectory;
import dev.switchboard.core.pipeline.Principal;
import dev.switchboard.core.time.Clock;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Virtual keys, teams and customers: the logic behind the admin API, the key look-up behind
 * {@link dev.switchboard.core.auth.VirtualKeyResolver}, and the customer and model quotas behind the limit
 * filters. Secrets are generated here, shown once, and stored only as SHA-256 digests (they are 256-bit random
 * values, so a fast digest is as strong as a slow one). Every change publishes an invalidation.
 */
public final class KeyService implements KeyLookup, QuotaDirectory {
  static final String SECRET_PREFIX = "sk-sb-";
  private final GovernanceStore store;
  private final ConfigQuotas configQuotas;
  private final InvalidationBus bus;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final com.github.benmanes.caffeine.cache.Cache<String, java.util.Optional<Tenant>> customers;

  public KeyService(GovernanceStore store, ConfigQuotas configQuotas, InvalidationBus bus, Clock clock) {
    this.store = store;
    this.configQuotas = configQuotas;
    this.bus = bus;
    this.clock = clock;
    this.customers = com.github.benmanes.caffeine.cache.Caffeine.newBuilder().ticker(clock::nanoTime)
        .expireAfterWrite(java.time.Duration.ofSeconds(30)).maximumSize(100_000).build();
    bus.subscribe(message -> customers.invalidateAll());
  }

  /** A key just created or rotated, with its secret: the only time the secret exists outside the client. */
  public record IssuedKey(VirtualKey key, String secret) {
    @Override
    public String toString() {
      return "IssuedKey[" + key + "]";
    }
  }

  public Future<IssuedKey> createKey(JsonNode spec) {
    String secret = newSecret();
    VirtualKey key = new VirtualKey("key_" + randomId(), StaticKeyResolver.digest(secret), hint(secret),
        GovernanceJson.text(spec, "name"), GovernanceJson.text(spec, "team"),
        GovernanceJson.text(spec, "customer"), GovernanceJson.stringList(spec, "models"),
        GovernanceJson.limits(spec.path("limits")), GovernanceJson.budgets(spec.path("budgets")),
        GovernanceJson.time(spec, "expires_at"), GovernanceJson.stringMap(spec, "metadata"),
        GovernanceJson.stringList(spec, "tags"), clock.epochMillis(), null);
    return requireTeam(key.team()).compose(ok -> store.saveKey(key)).map(done -> {
      bus.publish("key:" + key.hash());
      return new IssuedKey(key, secret);
    });
  }

  public Future<List<VirtualKey>> listKeys(String team) {
    return store.listKeys(team);
  }

  public Future<VirtualKey> key(String id) {
    return store.keyById(id);
  }

  /** Applies the fields present in {@code patch}; the secret, id and team ownership history are unchanged. */
  public Future<VirtualKey> updateKey(String id, JsonNode patch) {
    return store.keyById(id).compose(key -> {
      if (key == null) {
        return Future.succeededFuture(null);
      }
      VirtualKey updated = new VirtualKey(key.id(), key.hash(), key.hint(),
          patch.has("name") ? GovernanceJson.text(patch, "name") : key.name(),
          patch.has("team") ? GovernanceJson.text(patch, "team") : key.team(),
          patch.has("customer") ? GovernanceJson.text(patch, "customer") : key.customer(),
          patch.has("models") ? GovernanceJson.stringList(patch, "models") : key.models(),
          patch.has("limits") ? GovernanceJson.limits(patch.get("limits")) : key.limits(),
          patch.has("budgets") ? GovernanceJson.budgets(patch.get("budgets")) : key.budgets(),
          patch.has("expires_at") ? GovernanceJson.time(patch, "expires_at") : key.expiresAtMillis(),
          patch.has("metadata") ? GovernanceJson.stringMap(patch, "metadata") : key.metadata(),
          patch.has("tags") ? GovernanceJson.stringList(patch, "tags") : key.tags(),
          key.createdAtMillis(), key.revokedAtMillis());
      return requireTeam(updated.team()).compose(ok -> store.saveKey(updated)).map(done -> {
        bus.publish("key:" + key.hash());
        return updated;
      });
    });
  }

  /** Replaces the secret; the old one stops working at once on every node. */
  public Future<IssuedKey> rotateKey(String id) {
    return store.keyById(id).compose(key -> {
      if (key == null || key.revokedAtMillis() != null) {
        return Future.succeededFuture(null);
      }
      String secret = newSecret();
      VirtualKey rotated = key.withSecret(StaticKeyResolver.digest(secret), hint(secret));
      return store.saveKey(rotated).map(done -> {
        bus.publish("key:" + key.hash());
        return new IssuedKey(rotated, secret);
      });
    });
  }

  public Future<VirtualKey> revokeKey(String id) {
    return store.keyById(id).compose(key -> {
      if (key == null) {
        return Future.succeededFuture(null);
      }
      VirtualKey revoked = key.revokedAtMillis() != null ? key : key.revokedAt(clock.epochMillis());
      return store.saveKey(revoked).map(done -> {
        bus.publish("key:" + key.hash());
        return revoked;
      });
    });
  }

  public Future<Tenant> saveTenant(Tenant tenant) {
    return store.saveTenant(tenant).map(done -> {
      bus.publish("all");
      return tenant;
    });
  }

  public Future<Tenant> tenant(Tenant.Kind kind, String storeId) {
    return store.tenant(kind, storeId);
  }

  public Future<List<Tenant>> tenants(Tenant.Kind kind) {
    return store.listTenants(kind);
  }

  /** Deletes a team that no active key belongs to, or a customer. Null when it does not exist. */
  public Future<Boolean> deleteTenant(Tenant.Kind kind, String storeId) {
    Future<Boolean> inUse = kind == Tenant.Kind.CUSTOMER ? Future.succeededFuture(false)
        : store.listKeys(storeId).map(keys -> keys.stream().anyMatch(k -> k.activeAt(clock.epochMillis())));
    return inUse.compose(used -> {
      if (used) {
        return Future.failedFuture(new IllegalStateException("team '" + storeId + "' still has active keys"));
      }
      return store.deleteTenant(kind, storeId).map(deleted -> {
        bus.publish("all");
        return deleted ? Boolean.TRUE : null;
      });
    });
  }

  @Override
  public Future<KeyRecord> findByDigest(String digest) {
    return store.keyByHash(digest).compose(key -> {
      if (key == null) {
        return Future.succeededFuture(null);
      }
      Future<Tenant> team = key.team() == null ? Future.succeededFuture(null)
          : store.tenant(Tenant.Kind.TEAM, key.team());
      return team.map(t -> new KeyRecord(principal(key, t), key.expiresAtMillis(), key.revokedAtMillis() != null));
    });
  }

  private Principal principal(VirtualKey key, Tenant team) {
    List<Quota> quotas = new ArrayList<>(2);
    Quota own = new Quota("key:" + key.id(), key.limits(), key.budgets());
    if (!own.isEmpty()) {
      quotas.add(own);
    }
    Quota teamQuota = team != null ? new Quota(team.scope(), team.limits(), team.budgets())
        : configQuotas.team(key.team());
    if (teamQuota != null && !teamQuota.isEmpty()) {
      quotas.add(teamQuota);
    }
    List<String> models = key.models();
    if (models.isEmpty() && team != null) {
      models = team.models();
    }
    Map<String, String> metadata = key.metadata();
    return new Principal(key.id(), key.name(), key.team(), key.customer(), models, metadata, quotas, key.tags());
  }

  @Override
  public Future<List<Quota>> extraQuotas(Principal principal, String model) {
    List<Quota> extra = new ArrayList<>(2);
    Quota modelQuota = configQuotas.model(model);
    if (modelQuota != null) {
      extra.add(modelQuota);
    }
    if (principal.keyId() != null && principal.keyId().startsWith("static:") && principal.team() != null) {
      Quota team = configQuotas.team(principal.team());
      if (team != null && !principal.quotas().contains(team)) {
        extra.add(team);
      }
    }
    if (principal.customer() == null) {
      return Future.succeededFuture(extra);
    }
    String owner = principal.team() != null ? principal.team() : principal.keyId();
    return customer(owner + "/" + principal.customer()).map(customer -> {
      if (customer != null && !(customer.limits().isEmpty() && customer.budgets().isEmpty())) {
        extra.add(new Quota(customer.scope(), customer.limits(), customer.budgets()));
      }
      return extra;
    });
  }

  /** A customer record, cached briefly (every change publishes an invalidation); null when there is none. */
  private Future<Tenant> customer(String storeId) {
    java.util.Optional<Tenant> cached = bus.healthy() ? customers.getIfPresent(storeId) : null;
    if (cached != null) {
      return Future.succeededFuture(cached.orElse(null));
    }
    return store.tenant(Tenant.Kind.CUSTOMER, storeId).map(found -> {
      customers.put(storeId, java.util.Optional.ofNullable(found));
      return found;
    });
  }

  private Future<Void> requireTeam(String team) {
    if (team == null || configQuotas.team(team) != null) {
      return Future.succeededFuture();
    }
    return store.tenant(Tenant.Kind.TEAM, team).compose(found -> found != null ? Future.succeededFuture()
        : Future.failedFuture(new IllegalArgumentException("team: unknown team '" + team + "'")));
  }

  long now() {
    return clock.epochMillis();
  }

  private String newSecret() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private String randomId() {
    byte[] bytes = new byte[9];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).replace('-', 'a').replace('_', 'b');
  }

  private static String hint(String secret) {
    return SECRET_PREFIX + "…" + secret.substring(secret.length() - 4);
  }
}
