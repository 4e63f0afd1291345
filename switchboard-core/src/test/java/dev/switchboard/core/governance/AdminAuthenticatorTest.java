package dev.switchboard.core.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminAuthenticatorTest {
  @Test
  void accepts_onlyTheExactAdminKey() {
    AdminAuthenticator admin = AdminAuthenticator.fromEnvironment(
        Map.of(AdminAuthenticator.ADMIN_KEY_ENV, "admin-key-0123456789"));
    assertThat(admin.accepts("admin-key-0123456789")).isTrue();
    assertThat(admin.accepts("admin-key-012345678")).isFalse();
    assertThat(admin.accepts("admin-key-01234567890")).isFalse();
    assertThat(admin.accepts("")).isFalse();
    assertThat(admin.accepts(null)).isFalse();
  }

  @Test
  void noAdminKey_acceptsNothing() {
    AdminAuthenticator admin = AdminAuthenticator.fromEnvironment(Map.of());
    assertThat(admin.enabled()).isFalse();
    assertThat(admin.accepts("")).isFalse();
    assertThat(admin.accepts("anything-at-all-long")).isFalse();
  }

  @Test
  void shortAdminKey_isRefusedAtStartUp() {
    assertThatThrownBy(() -> new AdminAuthenticator("short")).hasMessageContaining("at least 16");
  }
}
