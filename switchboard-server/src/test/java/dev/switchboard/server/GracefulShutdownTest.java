package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sim.Fault;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GracefulShutdownTest {
  @Test
  void close_whileStreamInFlight_letsTheStreamFinishAndTurnsReadinessOff() throws Exception {
    GatewayHarness harness = GatewayHarness.standard();
    try {
      harness.sims().provider("primary").fault(Fault.slow(40));
      HttpClientAgent http = harness.vertx().createHttpClient(new HttpClientOptions());
      RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
          .setAbsoluteURI(harness.baseUrl() + "/v1/chat/completions")
          .putHeader("authorization", "Bearer " + GatewayHarness.CLIENT_KEY);
      java.util.concurrent.atomic.AtomicReference<Future<Void>> closingRef =
          new java.util.concurrent.atomic.AtomicReference<>();
      Buffer body = OnLoop.await(harness.vertx(), () -> http.request(options)
          .compose(r -> r.send("{\"model\":\"solo\",\"stream\":true,\"messages\":[{\"role\":\"user\","
              + "\"content\":\"a long answer please\"}]}"))
          .compose(r -> {
            Future<Buffer> whole = r.body();
            closingRef.set(harness.gateway().close());
            return whole;
          }), 10);
      assertThat(body.toString()).endsWith("data: [DONE]\n\n");
      closingRef.get().await(10, TimeUnit.SECONDS);
      boolean refused = http.request(new RequestOptions().setMethod(HttpMethod.GET)
          .setAbsoluteURI(harness.baseUrl() + "/healthz")).compose(r -> r.send()).transform(r ->
          Future.succeededFuture(r.failed())).await(5, TimeUnit.SECONDS);
      assertThat(refused).isTrue();
    } finally {
      harness.close();
    }
  }
}
