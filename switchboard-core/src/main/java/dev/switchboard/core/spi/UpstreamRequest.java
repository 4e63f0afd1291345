package dev.switchboard.core.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.config.TimeoutsConfig;
import java.util.Map;

/**
 * One attempt to call a provider. {@code body} is the request in OpenAI's form with {@code model} already set to
 * the deployment's upstream model; the adapter translates it to the provider's protocol.
 *
 * @param traceHeaders headers to propagate upstream (W3C trace context, request id)
 */
public record UpstreamRequest(
    String requestId,
    String upstreamModel,
    ObjectNode body,
    boolean stream,
    String apiKey,
    TimeoutsConfig timeouts,
    Map<String, String> traceHeaders,
    Cancellation cancellation) {

  @Override
  public String toString() {
    return "UpstreamRequest[requestId=" + requestId + ", model=" + upstreamModel + ", stream=" + stream + "]";
  }
}
