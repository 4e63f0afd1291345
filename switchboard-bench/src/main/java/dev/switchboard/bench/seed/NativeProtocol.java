package dev.switchboard.bench.seed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.sim.SimDialect;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * How the direct client speaks one provider's native protocol, and how the gateway is pointed at it: the
 * simulator dialect, the chat request, and the usage in the response.
 */
interface NativeProtocol {
  /** A fresh simulator dialect for this protocol. */
  SimDialect simDialect();

  /** The gateway's provider {@code type} for this protocol. */
  String gatewayType();

  /** The gateway's {@code base_url} for a simulator at {@code root} (scheme, host and port). */
  String gatewayBaseUrl(String root);

  /** The chat URL for {@code model} on a simulator at {@code root}. */
  String chatUrl(String root, String model);

  MultiMap headers(String apiKey);

  Buffer chatBody(String model, String system, String text, int maxTokens);

  /** Input and output tokens of a chat response. */
  long[] usage(JsonNode response);
}
