package dev.switchboard.server;

import dev.switchboard.sim.LatencyProfile;
import dev.switchboard.sim.SimulatedProvider;
import dev.switchboard.sim.anthropic.AnthropicSimDialect;
import dev.switchboard.sim.openai.OpenAiSimDialect;
import java.util.List;

/** A gateway in front of an OpenAI simulator ("primary") and an Anthropic simulator ("claude-sim"). */
final class MixedProvidersHarness {
  static final String ANTHROPIC_PROVIDER_KEY = "sk-ant-provider-secret-0003";

  private MixedProvidersHarness() {}

  static GatewayHarness start() throws Exception {
    return GatewayHarness.start(List.of(
        new SimulatedProvider("primary", new OpenAiSimDialect(), LatencyProfile.INSTANT, 7, null),
        new SimulatedProvider("claude-sim", new AnthropicSimDialect(), LatencyProfile.INSTANT, 7,
            ANTHROPIC_PROVIDER_KEY)), CONFIG);
  }

  static final String CONFIG = """
      server:
        port: 0
        event_loops: 2
        max_body_bytes: 65536
        shutdown_grace_ms: 3000
        timeouts:
          connect_ms: 1000
          first_byte_ms: 1500
          total_ms: 5000
          stream_idle_ms: 1500
      providers:
        - name: primary
          type: openai
          base_url: ${SIM}/primary/v1
          api_key: sk-provider-primary-secret-0001
        - name: claude-sim
          type: anthropic
          base_url: ${SIM}/claude-sim
          api_key: sk-ant-provider-secret-0003
      models:
        - name: claude-sonnet
          deployments:
            - provider: claude-sim
              model: claude-sonnet-4-5
        - name: gpt-4o
          deployments:
            - provider: primary
              model: gpt-4o
      routing:
        retry:
          max_attempts: 2
          base_backoff_ms: 10
      auth:
        keys:
          - key: sk-test-client-0001
            name: tests
      """;
}
