package dev.switchboard.bench.seed;

import java.io.PrintStream;

/** A one-line progress bar on standard error, redrawn twice a second while a phase runs. */
final class Progress {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final boolean enabled;
  private Thread drawer;

  Progress(PrintStream out, boolean enabled) {
    this.out = out;
    this.enabled = enabled;
  }

  /** Starts drawing {@code name}'s bar for a phase of {@code durationMillis}. */
  synchronized void phase(String name, long durationMillis, ClosedLoop loop) {
    done();
    if (!enabled) {
      out.println("  " + name + " (" + durationMillis / 1000.0 + " s)");
      return;
    }
    long start = System.nanoTime();
    drawer = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        draw(name, durationMillis, (System.nanoTime() - start) / 1e6, loop);
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-progress");
    drawer.setDaemon(true);
    drawer.start();
  }

  synchronized void done() {
    if (drawer != null) {
      drawer.interrupt();
      try {
        drawer.join(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      drawer = null;
      out.println();
    }
  }

  private void draw(String name, long durationMillis, double elapsedMillis, ClosedLoop loop) {
    double fraction = Math.min(1, elapsedMillis / durationMillis);
    int filled = (int) Math.round(fraction * WIDTH);
    double seconds = elapsedMillis / 1000;
    out.printf("\r  %-12s [%s%s] %3.0f%%  %5.1f s  open %6d  done %9d  %7.0f req/s ", name,
        "#".repeat(filled), ".".repeat(WIDTH - filled), fraction * 100, seconds, loop.open(), loop.finished(),
        seconds > 0 ? loop.finished() / seconds : 0.0);
    out.flush();
  }
}
