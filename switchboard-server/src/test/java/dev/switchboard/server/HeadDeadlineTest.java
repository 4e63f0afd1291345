package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sim.LatencyProfile;
import dev.switchboard.sim.SimulatedProvider;
import dev.switchboard.sim.openai.OpenAiSimDialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slow-loris on request heads, over a raw socket: header bytes trickled slowly keep resetting the idle timeout
 * (two minutes here), but {@code server.header_timeout_ms} (600 ms here) closes the connection.
 */
class HeadDeadlineTest {
  private static final long HEADER_TIMEOUT_MS = 600;
  private static GatewayHarness harness;

  @BeforeAll
  static void start() throws Exception {
    String config = GatewayHarness.STANDARD_CONFIG.replace("server:\n  port: 0\n",
        "server:\n  port: 0\n  header_timeout_ms: " + HEADER_TIMEOUT_MS + "\n  client_idle_timeout_ms: 120000\n");
    harness = GatewayHarness.start(java.util.List.of(
        new SimulatedProvider("primary", new OpenAiSimDialect(), LatencyProfile.INSTANT, 7, null),
        new SimulatedProvider("backup", new OpenAiSimDialect(), LatencyProfile.INSTANT, 7, null)), config);
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  @Test
  void headTrickledAfterConnecting_connectionClosedAtTheHeaderDeadline() throws Exception {
    try (Socket socket = connect()) {
      long started = System.nanoTime();
      send(socket, "POST /v1/chat/completions HTTP/1.1\r\n");
      long closedAfter = trickleUntilClosed(socket, started);
      assertThat(closedAfter).isBetween(HEADER_TIMEOUT_MS - 50, 3_000L);
    }
  }

  @Test
  void headTrickledAfterAKeepAliveResponse_connectionClosedAtTheHeaderDeadline() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "GET /healthz HTTP/1.1\r\nHost: gateway\r\n\r\n");
      assertThat(readResponseHead(socket)).startsWith("HTTP/1.1 200");
      long started = System.nanoTime();
      send(socket, "GET /v1/models HTTP/1.1\r\n");
      long closedAfter = trickleUntilClosed(socket, started);
      assertThat(closedAfter).isBetween(HEADER_TIMEOUT_MS - 50, 3_000L);
    }
  }

  @Test
  void promptHeadsOnKeepAlive_connectionOutlivesManyHeaderDeadlines() throws Exception {
    try (Socket socket = connect()) {
      long started = System.nanoTime();
      int answered = 0;
      while (System.nanoTime() - started < 4 * HEADER_TIMEOUT_MS * 1_000_000L) {
        send(socket, "GET /healthz HTTP/1.1\r\nHost: gateway\r\n\r\n");
        assertThat(readResponseHead(socket)).startsWith("HTTP/1.1 200");
        answered++;
        Thread.sleep(HEADER_TIMEOUT_MS / 3);
      }
      assertThat(answered).isGreaterThanOrEqualTo(8);
    }
  }

  private static Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", harness.gateway().port());
    socket.setSoTimeout(5_000);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Sends one header line every 100 ms until the server closes; returns milliseconds since {@code started}. */
  private static long trickleUntilClosed(Socket socket, long started) throws Exception {
    socket.setSoTimeout(100);
    InputStream in = socket.getInputStream();
    for (int i = 0; i < 100; i++) {
      try {
        send(socket, "X-Trickle-" + i + ": x\r\n");
        if (in.read() == -1) {
          return (System.nanoTime() - started) / 1_000_000;
        }
        throw new AssertionError("the server answered a request whose head never ended");
      } catch (SocketTimeoutException stillOpen) {
        // nothing yet: keep trickling
      } catch (IOException closed) {
        return (System.nanoTime() - started) / 1_000_000;
      }
    }
    throw new AssertionError("the connection was still open after 10 s of trickled header bytes");
  }

  /** Reads one response head and its Content-Length body. */
  private static String readResponseHead(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed after: " + head);
      }
      head.append((char) b);
    }
    String lower = head.toString().toLowerCase(java.util.Locale.ROOT);
    int at = lower.indexOf("content-length:");
    int length = at < 0 ? 0 : Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
    in.readNBytes(length);
    return head.toString();
  }
}
