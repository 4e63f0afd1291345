package dev.switchboard.core.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.config.ConfigException;
import dev.switchboard.core.pipeline.GatewayException;
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
  void shortAdminKey_isAConfigErrorAtStartUp_namingTheVariableNotTheKey() {
    assertThatThrownBy(() -> new AdminAuthenticator("short")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("SWITCHBOARD_ADMIN_KEY").hasMessageContaining("at least 16")
        .hasMessageNotContaining("short\"").hasMessageContaining("it has 5");
  }

  @Test
  void emptyOrBlankAdminKey_disablesTheAdminApi_withoutThrowing() {
    for (String blank : new String[] {"", "   ", "\n"}) {
      AdminAuthenticator admin = AdminAuthenticator.fromEnvironment(Map.of(AdminAuthenticator.ADMIN_KEY_ENV, blank));
      assertThat(admin.enabled()).isFalse();
      GatewayException refusal = admin.refusal("Bearer " + blank);
      assertThat(refusal.status()).isEqualTo(403);
      assertThat(refusal.code()).isEqualTo("admin_disabled");
      assertThat(refusal.getMessage()).contains("SWITCHBOARD_ADMIN_KEY");
    }
  }

  @Test
  void refusal_nullForTheAdminKey_401OtherwiseWithOpenAiShape() {
    AdminAuthenticator admin = new AdminAuthenticator("admin-key-0123456789");
    assertThat(admin.refusal("Bearer admin-key-0123456789")).isNull();
    assertThat(admin.refusal("bearer   admin-key-0123456789  ")).isNull();
    for (String header : new String[] {null, "", "Bearer ", "Basic admin-key-0123456789", "admin-key-0123456789",
        "Bearer admin-key-0123456788"}) {
      GatewayException refusal = admin.refusal(header);
      assertThat(refusal.status()).as(String.valueOf(header)).isEqualTo(401);
      assertThat(refusal.toBody().path("error").path("code").asText()).isEqualTo("invalid_admin_key");
      assertThat(refusal.toBody().path("error").path("type").asText()).isEqualTo("authentication_error");
    }
  }

  @Test
  void environmentWins_overTheConfiguredKey_whichIsTheFallback() {
    AdminAuthenticator both = AdminAuthenticator.fromEnvironment(
        Map.of(AdminAuthenticator.ADMIN_KEY_ENV, "from-environment-0001"), "from-config-file-0001");
    assertThat(both.accepts("from-environment-0001")).isTrue();
    assertThat(both.accepts("from-config-file-0001")).isFalse();
    AdminAuthenticator configOnly = AdminAuthenticator.fromEnvironment(Map.of(), "from-config-file-0001");
    assertThat(configOnly.accepts("from-config-file-0001")).isTrue();
  }
}
