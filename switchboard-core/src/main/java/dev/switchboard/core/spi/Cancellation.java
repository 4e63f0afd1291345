package dev.switchboard.core.spi;

import java.util.ArrayList;
import java.util.List;

/** A cancellation signal for one upstream attempt (client gone, hedge lost, timeout). Single event loop. */
public final class Cancellation {
  private List<Runnable> handlers;
  private boolean cancelled;

  public void onCancel(Runnable handler) {
    if (cancelled) {
      handler.run();
      return;
    }
    if (handlers == null) {
      handlers = new ArrayList<>(2);
    }
    handlers.add(handler);
  }

  public boolean isCancelled() {
    return cancelled;
  }

  public void cancel() {
    if (cancelled) {
      return;
    }
    cancelled = true;
    if (handlers != null) {
      List<Runnable> toRun = handlers;
      handlers = null;
      for (Runnable handler : toRun) {
        handler.run();
      }
    }
  }
}
