package dev.switchboard.server.endpoint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.pipeline.Exchange;
import dev.switchboard.core.pipeline.Filter;
import dev.switchboard.core.pipeline.GatewayResponse;
import dev.switchboard.core.pipeline.Principal;
import dev.switchboard.core.pipeline.Verdict;
import dev.switchboard.core.routing.ModelCatalog;
import dev.switchboard.core.routing.ModelGroup;
import io.vertx.core.Future;

/** Answers {@code GET /v1/models} with the model groups the caller may use, in OpenAI's list format. */
public final class ModelsFilter implements Filter {
  private final ModelCatalog catalog;
  private final long createdEpochSeconds;

  public ModelsFilter(ModelCatalog catalog, long createdEpochSeconds) {
    this.catalog = catalog;
    this.createdEpochSeconds = createdEpochSeconds;
  }

  @Override
  public String name() {
    return "models";
  }

  @Override
  public Future<Verdict> onRequest(Exchange exchange) {
    Principal principal = exchange.principal();
    ObjectNode list = Json.object();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    for (ModelGroup group : catalog.groups()) {
      if (group.config().isWildcard() || (principal != null && !principal.mayUse(group.name()))) {
        continue;
      }
      ObjectNode model = data.addObject();
      model.put("id", group.name());
      model.put("object", "model");
      model.put("created", createdEpochSeconds);
      model.put("owned_by", group.deployments().isEmpty() ? "switchboard"
          : group.deployments().get(0).providerName());
    }
    return Verdict.answer(GatewayResponse.ok(list));
  }
}
