package dev.switchboard.core.guard;

/** A recognised piece of personal data: its type and character offsets in the text ({@code end} exclusive). */
public record PiiSpan(PiiType type, int start, int end) {
  public PiiSpan {
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("bad span " + start + ".." + end);
    }
  }

  public boolean overlaps(PiiSpan other) {
    return start < other.end && other.start < end;
  }

  public int length() {
    return end - start;
  }
}
