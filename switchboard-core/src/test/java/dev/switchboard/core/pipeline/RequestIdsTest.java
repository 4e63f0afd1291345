package dev.switchboard.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
  @Test
  void newIds_areSafeDistinctAndSortByTime() {
    String earlier = RequestIds.newId(1_764_000_000_000L, -1L);
    String later = RequestIds.newId(1_764_000_000_001L, 0L);
    assertThat(earlier).matches("req_[0-9a-f]{24}").startsWith("req_019ab697e800");
    assertThat(earlier.compareTo(later)).isNegative();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = RequestIds.newId();
      assertThat(RequestIds.isSafe(id)).isTrue();
      ids.add(id);
    }
    assertThat(ids).hasSize(10_000);
  }

  @Test
  void clientIds_areKeptWhenSafe_replacedOtherwise() {
    assertThat(RequestIds.fromClientOrNew("trace-1:a.b_c")).isEqualTo("trace-1:a.b_c");
    assertThat(RequestIds.fromClientOrNew("bad id\n")).startsWith("req_");
    assertThat(RequestIds.fromClientOrNew(null)).startsWith("req_");
  }
}
