package dev.switchboard.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.Json;
import dev.switchboard.core.config.ConfigLoader;
import dev.switchboard.core.config.GatewayConfig;
import dev.switchboard.core.governance.AdminAuthenticator;
import dev.switchboard.core.pipeline.Dialect;
import dev.switchboard.core.pipeline.Endpoint;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.GatewayException;
import dev.switchboard.core.pipeline.GatewayResponse;
import dev.switchboard.core.pipeline.Verdict;
import dev.switchboard.core.routing.HealthView;
import dev.switchboard.core.routing.RoutingRuntime;
import dev.switchboard.core.time.Clock;
import dev.switchboard.core.time.Randomness;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdminHealthFilterTest {
  private static final String ADMIN_KEY = "sb-admin-health-test-0001";
  private static final String CONFIG = """
      providers:
        - {name: alpha, type: openai, base_url: "http://127.0.0.1:9/v1", api_key: sk-provider-alpha-0001}
      models:
        - name: gpt-4o
          deployments:
            - {provider: alpha, model: gpt-4o}
      auth:
        keys:
          - {key: sk-client-0001, name: client}
      """;

  private final HealthView health = health();

  @Test
  void adminKey_opensTheHealthMap() {
    Future<Verdict> verdict = filter(ADMIN_KEY).onRequest(exchange("Bearer " + ADMIN_KEY));
    assertThat(verdict.succeeded()).isTrue();
    GatewayResponse.Full answer = (GatewayResponse.Full) verdict.result().response();
    assertThat(Json.writeString(answer.body())).contains("alpha/gpt-4o").doesNotContain("sk-provider");
  }

  @Test
  void clientKey_isRefusedWith401() {
    assertThat(status(filter(ADMIN_KEY).onRequest(exchange("Bearer sk-client-0001")))).isEqualTo(401);
  }

  @Test
  void noKey_isRefusedWith401() {
    assertThat(status(filter(ADMIN_KEY).onRequest(exchange(null)))).isEqualTo(401);
  }

  @Test
  void withoutAnAdminKey_theRouteIsDisabled() {
    assertThat(status(filter(null).onRequest(exchange("Bearer sk-client-0001")))).isEqualTo(403);
  }

  private AdminHealthFilter filter(String adminKey) {
    return new AdminHealthFilter(health, new AdminAuthenticator(adminKey));
  }

  private static int status(Future<Verdict> verdict) {
    assertThat(verdict.failed()).isTrue();
    return ((GatewayException) verdict.cause()).status();
  }

  private static Exchange exchange(String authorization) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (authorization != null) {
      headers.add("authorization", authorization);
    }
    return new Exchange("req-1", 0, 0, Endpoint.MODELS, Dialect.OPENAI, headers, Json.object());
  }

  private static HealthView health() {
    GatewayConfig config = new ConfigLoader(Set.of("openai"), Map.of()).parse(CONFIG);
    return RoutingRuntime.create(config, Clock.system(), Randomness.seeded(1)).health();
  }
}
