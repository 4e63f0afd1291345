package dev.switchboard.core.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.config.UpstreamUrlConfig;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamUrlGuardTest {
  private final UpstreamUrlGuard allowing = new UpstreamUrlGuard(
      new UpstreamUrlConfig(true, List.of("api.example.com", "*.models.example.net"), false));

  @Test
  void defaultConfiguration_refusesEveryClientUrl() {
    UpstreamUrlGuard guard = new UpstreamUrlGuard(UpstreamUrlConfig.defaults());
    assertThatThrownBy(() -> guard.checkUrl("https://api.example.com/v1"))
        .hasMessageContaining("does not accept");
  }

  @Test
  void allowList_exactAndWildcardHosts_only() {
    assertThat(allowing.checkUrl("https://api.example.com/v1").getHost()).isEqualTo("api.example.com");
    assertThat(allowing.checkUrl("https://eu.models.example.net").getHost()).isEqualTo("eu.models.example.net");
    assertThatThrownBy(() -> allowing.checkUrl("https://models.example.net.evil.com"))
        .hasMessageContaining("allow-list");
    assertThatThrownBy(() -> allowing.checkUrl("https://evil.com/api.example.com"))
        .hasMessageContaining("allow-list");
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:///etc/passwd", "gopher://api.example.com", "https://user:pw@api.example.com/",
      "https:///nohost", "not a url"})
  void malformedOrDangerousForms_areRefused(String url) {
    assertThatThrownBy(() -> allowing.checkUrl(url)).isInstanceOf(UpstreamUrlGuard.UpstreamUrlRefused.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0",
      "100.64.0.1", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "224.0.0.1"})
  void internalAddresses_areRefused(String address) throws Exception {
    List<InetAddress> resolved = List.of(InetAddress.getByName(address));
    assertThatThrownBy(() -> allowing.checkAddresses(resolved)).hasMessageContaining("private");
  }

  @Test
  void publicAddresses_pass_andPrivateTargetsPassWhenConfigured() throws Exception {
    assertThatCode(() -> allowing.checkAddresses(List.of(InetAddress.getByName("93.184.215.14"),
        InetAddress.getByName("2606:2800:21f:cb07:6820:80da:af6b:8b2c")))).doesNotThrowAnyException();
    assertThatThrownBy(() -> allowing.checkAddresses(List.of(InetAddress.getByName("93.184.215.14"),
        InetAddress.getByName("10.0.0.1")))).isInstanceOf(UpstreamUrlGuard.UpstreamUrlRefused.class);
    UpstreamUrlGuard lab = new UpstreamUrlGuard(new UpstreamUrlConfig(true, List.of("localhost"), true));
    assertThatCode(() -> lab.checkAddresses(List.of(InetAddress.getByName("127.0.0.1"))))
        .doesNotThrowAnyException();
  }
}
