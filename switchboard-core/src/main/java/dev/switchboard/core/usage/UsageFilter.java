package dev.switchboard.core.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.observe.RequestRecord;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.Filter;
import dev.switchboard.core.pipeline.GatewayResponse;
import dev.switchboard.core.pipeline.Verdict;
import dev.switchboard.core.stream.ChunkObserver;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Prices each answered request: tokens from the provider's usage (the last reported value of a stream, never a
 * sum), or counted with {@link TokenEstimator} and marked as an estimate when the provider reported none. Sets
 * {@code x-switchboard-cost-usd} on whole responses and {@code usage.cost_usd} on the usage chunk of streams
 * whose client asked for usage. A cache hit costs nothing and records what it saved.
 */
public final class UsageFilter implements Filter {
  public static final String COST_HEADER = "x-switchboard-cost-usd";
  private static final int STREAM_TEXT_CAP = 1 << 20;

  private final PriceCatalog prices;
  private final TokenEstimator estimator;
  private final Map<String, String> providerTypes;

  /** @param providerTypes configured provider name → provider type (openai, anthropic, groq, ...) */
  public UsageFilter(PriceCatalog prices, TokenEstimator estimator, Map<String, String> providerTypes) {
    this.prices = prices;
    this.estimator = estimator;
    this.providerTypes = Map.copyOf(providerTypes);
  }

  @Override
  public String name() {
    return "usage";
  }

  @Override
  public Future<Verdict> onRequest(Exchange exchange) {
    return Verdict.proceed();
  }

  @Override
  public GatewayResponse onResponse(Exchange exchange, GatewayResponse response) {
    if (response.status() >= 400) {
      return response;
    }
    if (response instanceof GatewayResponse.Full full) {
      priceWhole(exchange, full.body());
      return response;
    }
    GatewayResponse.Stream stream = (GatewayResponse.Stream) response;
    return stream.observedBy(new StreamCostObserver(exchange));
  }

  private void priceWhole(Exchange exchange, ObjectNode body) {
    RequestRecord record = exchange.record();
    Usage usage = Usage.fromOpenAi(body == null ? null : body.get("usage"));
    if (usage == null) {
      usage = record.usage;
    }
    if (usage == null && body != null) {
      String model = servedModel(exchange);
      usage = new Usage(estimator.promptTokens(model, exchange.body()), estimator.completionTokens(model, body),
          0, 0, 0, true);
    }
    record.usage = usage;
    if (settle(exchange, usage)) {
      exchange.responseHeaders().set(COST_HEADER, format(record.costUsd));
    }
  }

  /** Records cost (or saved cost on a cache hit); returns whether the model had a price. */
  boolean settle(Exchange exchange, Usage usage) {
    RequestRecord record = exchange.record();
    ModelPrice price = prices.find(providerType(record.provider), servedModel(exchange));
    record.priced = price != null;
    double cost = CostCalculator.cost(usage, price);
    if (isCacheHit(record)) {
      record.savedCostUsd = cost;
      record.costUsd = 0;
    } else {
      record.costUsd = cost;
    }
    return record.priced;
  }

  private String providerType(String providerName) {
    return providerName == null ? null : providerTypes.getOrDefault(providerName, providerName);
  }

  private static String servedModel(Exchange exchange) {
    String served = exchange.record().servedModel;
    return served != null ? served : exchange.model();
  }

  static boolean isCacheHit(RequestRecord record) {
    return record.cacheStatus != null && record.cacheStatus.contains("hit");
  }

  /** Plain decimal USD, at most 10 places, no exponent. */
  public static String format(double usd) {
    return BigDecimal.valueOf(usd).setScale(10, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  /** Prices a stream: on each usage chunk (last wins) and, when none came, by counting at the end. */
  private final class StreamCostObserver implements ChunkObserver {
    private final Exchange exchange;
    private final boolean clientWantsUsage;
    private StringBuilder text;
    private boolean sawUsage;

    StreamCostObserver(Exchange exchange) {
      this.exchange = exchange;
      this.clientWantsUsage = exchange.wantsStreamUsage();
    }

    @Override
    public ObjectNode onChunk(ObjectNode chunk) {
      JsonNode usageNode = chunk.get("usage");
      if (usageNode != null && usageNode.isObject()) {
        Usage usage = Usage.fromOpenAi(usageNode);
        sawUsage = true;
        exchange.record().usage = usage;
        if (settle(exchange, usage) && clientWantsUsage) {
          ((ObjectNode) usageNode).put("cost_usd", exchange.record().costUsd);
        }
      } else if (!sawUsage) {
        collectText(chunk);
      }
      return chunk;
    }

    private void collectText(ObjectNode chunk) {
      JsonNode choices = chunk.get("choices");
      if (choices == null) {
        return;
      }
      for (JsonNode choice : choices) {
        JsonNode delta = choice.get("delta");
        if (delta == null) {
          continue;
        }
        JsonNode content = delta.get("content");
        if (content != null && content.isTextual()) {
          append(content.textValue());
        }
        JsonNode toolCalls = delta.get("tool_calls");
        if (toolCalls != null && toolCalls.isArray()) {
          for (JsonNode call : toolCalls) {
            append(call.path("function").path("name").asText(""));
            append(call.path("function").path("arguments").asText(""));
          }
        }
      }
    }

    private void append(String s) {
      if (s.isEmpty()) {
        return;
      }
      if (text == null) {
        text = new StringBuilder(256);
      }
      if (text.length() < STREAM_TEXT_CAP) {
        text.append(s);
      }
    }

    @Override
    public void onEnd() {
      if (sawUsage) {
        return;
      }
      RequestRecord record = exchange.record();
      Usage usage = record.usage;
      if (usage == null) {
        String model = servedModel(exchange);
        usage = new Usage(estimator.promptTokens(model, exchange.body()),
            estimator.count(model, text == null ? null : text.toString()), 0, 0, 0, true);
        record.usage = usage;
      }
      settle(exchange, usage);
    }
  }
}
