package dev.switchboard.server.http;

import dev.switchboard.core.pipeline.GatewayException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/** Reads a request body up to a byte cap; larger bodies fail with 413 without being buffered. */
public final class BodyReader {
  private BodyReader() {}

  public static Future<Buffer> read(HttpServerRequest request, long maxBytes) {
    String declared = request.getHeader("content-length");
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        return Future.failedFuture(GatewayException.badRequest("Invalid Content-Length header.", null));
      }
      if (length > maxBytes) {
        return Future.failedFuture(GatewayException.payloadTooLarge(maxBytes));
      }
      if (length <= 64 * 1024) {
        return request.body().recover(e -> Future.failedFuture(
            GatewayException.badRequest("The request body could not be read.", null)));
      }
    }
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer(declared == null ? 1024 : (int) Math.min(maxBytes, Long.parseLong(declared.trim())));
    request.handler(chunk -> {
      if (promise.future().isComplete()) {
        return;
      }
      if (body.length() + chunk.length() > maxBytes) {
        promise.tryFail(GatewayException.payloadTooLarge(maxBytes));
        return;
      }
      body.appendBuffer(chunk);
    });
    request.exceptionHandler(e -> promise.tryFail(
        GatewayException.badRequest("The request body could not be read.", null)));
    request.endHandler(v -> promise.tryComplete(body));
    return promise.future();
  }
}
