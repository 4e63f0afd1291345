package dev.switchboard.core.pipeline;

/** A filter broke the continue-or-answer contract; the message names it. */
public final class ChainContractViolation extends IllegalStateException {
  private final String filter;

  public ChainContractViolation(String filter, String message) {
    super("filter '" + filter + "' " + message);
    this.filter = filter;
  }

  public String filter() {
    return filter;
  }
}
