package dev.switchboard.core.limits;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay in front of the real Redis that can be made slow: while {@link #delayMillis} is positive, every chunk
 * a client sends waits that long before it reaches Redis. Real Redis answers everything; only the path is slow.
 */
final class SlowRedisProxy implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  volatile long delayMillis;

  SlowRedisProxy() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "slow-redis-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url() {
    return "redis://127.0.0.1:" + server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket redis = new Socket("127.0.0.1", 6379);
        sockets.add(client);
        sockets.add(redis);
        pipe(client, redis, true);
        pipe(redis, client, false);
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void pipe(Socket from, Socket to, boolean delayed) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int read;
        while ((read = in.read(buffer)) >= 0) {
          long delay = delayMillis;
          if (delayed && delay > 0) {
            Thread.sleep(delay);
          }
          out.write(buffer, 0, read);
          out.flush();
        }
      } catch (IOException | InterruptedException ended) {
        // either side closed
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "slow-redis-pipe");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    sockets.forEach(SlowRedisProxy::closeQuietly);
  }
}
