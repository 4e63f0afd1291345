package dev.switchboard.core.routing;

import dev.switchboard.core.config.HealthConfig;
import dev.switchboard.core.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health of every deployment and key, shared by all event loops of a node. Local outcomes change it (and are
 * published on the {@link HealthBus}); events from other nodes are applied without being re-published.
 * Ejection respects a cap on the share of any group ejected at once.
 */
final class HealthRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(HealthRegistry.class);

  private final HealthConfig config;
  private final Clock clock;
  private final String nodeId;
  private final Map<String, DeploymentHealth> healths = new LinkedHashMap<>();
  private final Map<String, Deployment> deployments = new LinkedHashMap<>();
  private final Map<String, List<List<String>>> groupsOf = new HashMap<>();
  private final Map<String, KeyPool> keyPools;
  private final List<HealthBus> buses = new CopyOnWriteArrayList<>();
  private final List<java.util.function.Consumer<HealthEvent>> listeners = new CopyOnWriteArrayList<>();

  HealthRegistry(HealthConfig config, Clock clock, String nodeId, Collection<ModelGroup> groups,
      Map<String, KeyPool> keyPools) {
    this.config = config;
    this.clock = clock;
    this.nodeId = nodeId;
    this.keyPools = Map.copyOf(keyPools);
    for (ModelGroup group : groups) {
      List<String> ids = new ArrayList<>();
      for (Deployment d : group.deployments()) {
        ids.add(d.id());
        deployments.putIfAbsent(d.id(), d);
        healths.computeIfAbsent(d.id(), id -> new DeploymentHealth(id, config, new DeploymentQuota(d.config())));
      }
      List<String> members = List.copyOf(ids);
      for (String id : members) {
        groupsOf.computeIfAbsent(id, k -> new ArrayList<>()).add(members);
      }
    }
  }

  String nodeId() {
    return nodeId;
  }

  Clock clock() {
    return clock;
  }

  DeploymentHealth of(Deployment deployment) {
    DeploymentHealth health = healths.get(deployment.id());
    if (health == null) {
      throw new IllegalArgumentException("unknown deployment " + deployment.id());
    }
    return health;
  }

  DeploymentHealth byId(String id) {
    return healths.get(id);
  }

  Map<String, DeploymentHealth> all() {
    return healths;
  }

  Map<String, Deployment> deployments() {
    return deployments;
  }

  KeyPool keys(String provider) {
    return keyPools.get(provider);
  }

  Map<String, KeyPool> keyPools() {
    return keyPools;
  }

  void connect(HealthBus bus) {
    buses.add(bus);
    bus.subscribe(this::apply);
  }

  /** Observes every local and remote change (tests, logs). */
  void listen(java.util.function.Consumer<HealthEvent> listener) {
    listeners.add(listener);
  }

  void onSuccess(Deployment deployment) {
    long now = clock.nanoTime();
    if (of(deployment).onSuccess(now)) {
      LOG.info("deployment {} is healthy again", deployment.id());
      publish(new HealthEvent(nodeId, HealthEvent.RECOVER, deployment.id(), null, null, 0, clock.epochMillis()));
    }
  }

  void onFailure(Deployment deployment) {
    long now = clock.nanoTime();
    DeploymentHealth health = of(deployment);
    if (!health.onFailure(now)) {
      return;
    }
    long millis;
    synchronized (this) {
      if (!mayEject(deployment.id(), now)) {
        return;
      }
      millis = health.eject(now);
    }
    LOG.warn("deployment {} ejected for {} ms", deployment.id(), millis);
    publish(new HealthEvent(nodeId, HealthEvent.EJECT, deployment.id(), null, null, millis, clock.epochMillis()));
  }

  boolean ejectManually(String id, long millis) {
    DeploymentHealth health = healths.get(id);
    if (health == null) {
      return false;
    }
    health.applyEjection(clock.nanoTime(), millis);
    publish(new HealthEvent(nodeId, HealthEvent.EJECT, id, null, null, millis, clock.epochMillis()));
    return true;
  }

  /** Forgets this node's health state: every deployment healthy, every key usable. Not published. */
  void reset() {
    for (DeploymentHealth health : healths.values()) {
      health.reset();
    }
    for (KeyPool pool : keyPools.values()) {
      pool.reset();
    }
  }

  void onKeyRateLimited(String provider, int keyIndex, long coolMillis) {
    KeyPool pool = keyPools.get(provider);
    if (pool != null && pool.coolDown(keyIndex, clock.nanoTime() + coolMillis * 1_000_000L)) {
      publish(new HealthEvent(nodeId, HealthEvent.KEY_COOL, null, provider, pool.fingerprint(keyIndex), coolMillis,
          clock.epochMillis()));
    }
  }

  void onKeyRejected(String provider, int keyIndex) {
    KeyPool pool = keyPools.get(provider);
    if (pool != null && pool.markDead(keyIndex)) {
      LOG.warn("provider {} rejected key #{}; it is not used again until the configuration changes", provider,
          keyIndex);
      publish(new HealthEvent(nodeId, HealthEvent.KEY_DEAD, null, provider, pool.fingerprint(keyIndex), 0,
          clock.epochMillis()));
    }
  }

  /** Applies an event from another node (own events are ignored). */
  void apply(HealthEvent event) {
    if (event == null || nodeId.equals(event.node())) {
      return;
    }
    long now = clock.nanoTime();
    switch (event.type()) {
      case HealthEvent.EJECT -> {
        DeploymentHealth health = event.deployment() == null ? null : healths.get(event.deployment());
        if (health != null) {
          health.applyEjection(now, event.millis());
        }
      }
      case HealthEvent.RECOVER -> {
        DeploymentHealth health = event.deployment() == null ? null : healths.get(event.deployment());
        if (health != null) {
          health.applyRecovery(now);
        }
      }
      case HealthEvent.KEY_COOL, HealthEvent.KEY_DEAD -> applyKeyEvent(event, now);
      default -> {
        return;
      }
    }
    notifyListeners(event);
  }

  private void applyKeyEvent(HealthEvent event, long now) {
    KeyPool pool = event.provider() == null ? null : keyPools.get(event.provider());
    int index = pool == null || event.key() == null ? -1 : pool.indexOf(event.key());
    if (index < 0) {
      return;
    }
    if (HealthEvent.KEY_DEAD.equals(event.type())) {
      pool.markDead(index);
    } else {
      pool.coolDown(index, now + event.millis() * 1_000_000L);
    }
  }

  /** Whether ejecting {@code id} keeps every group it belongs to within the ejection cap. */
  private boolean mayEject(String id, long now) {
    for (List<String> members : groupsOf.getOrDefault(id, List.of())) {
      int allowed = Math.max(1, members.size() * config.maxEjectionPercent() / 100);
      int ejected = 0;
      for (String member : members) {
        if (!member.equals(id) && healths.get(member).isEjected(now)) {
          ejected++;
        }
      }
      if (ejected + 1 > allowed) {
        return false;
      }
    }
    return true;
  }

  private void publish(HealthEvent event) {
    notifyListeners(event);
    for (HealthBus bus : buses) {
      bus.publish(event);
    }
  }

  private void notifyListeners(HealthEvent event) {
    for (java.util.function.Consumer<HealthEvent> listener : listeners) {
      listener.accept(event);
    }
  }
}
