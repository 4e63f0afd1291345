package dev.switchboard.core.guard;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the guard found in a request's text: the personal-data spans of every text slot and the highest injection
 * score among the untrusted ones (user and tool messages). Computed without touching the request, so it may run on
 * a worker thread.
 */
record Inspection(List<List<PiiSpan>> spans, InjectionScorer.Result injection) {
  static Inspection of(List<ChatText.Slot> slots, PiiDetector detector, InjectionScorer scorer, boolean checkPii,
      boolean checkInjection) {
    List<List<PiiSpan>> spans = new ArrayList<>(slots.size());
    InjectionScorer.Result worst = InjectionScorer.Result.NONE;
    for (ChatText.Slot slot : slots) {
      String text = slot.text();
      spans.add(checkPii ? detector.detect(text) : List.of());
      if (checkInjection && slot.untrusted()) {
        InjectionScorer.Result result = scorer.evaluate(text);
        if (result.score() > worst.score()) {
          worst = result;
        }
      }
    }
    return new Inspection(spans, worst);
  }

  boolean hasPii() {
    for (List<PiiSpan> list : spans) {
      if (!list.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** The distinct types found, in declaration order. */
  Set<PiiType> piiTypes() {
    Set<PiiType> types = EnumSet.noneOf(PiiType.class);
    for (List<PiiSpan> list : spans) {
      for (PiiSpan span : list) {
        types.add(span.type());
      }
    }
    return types;
  }
}
