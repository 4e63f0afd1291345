package dev.switchboard.core.governance;

import dev.switchboard.core.config.UpstreamUrlConfig;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a client-supplied upstream URL may be called. Off unless the deployment allows it; then the host
 * must be on the allow-list, the scheme http(s), no user-info, and every address the host resolves to must be
 * public (no loopback, private, link-local, carrier-grade NAT, unique-local, multicast or unspecified address,
 * including IPv4-mapped IPv6 forms) unless private targets are allowed. Callers must connect to the vetted
 * addresses, not resolve the name again (DNS rebinding).
 */
public final class UpstreamUrlGuard {
  private final UpstreamUrlConfig config;

  public UpstreamUrlGuard(UpstreamUrlConfig config) {
    this.config = config;
  }

  public boolean clientUrlsAllowed() {
    return config.allowClientBaseUrl();
  }

  /** Checks the URL's form and host; returns the parsed URI. Throws {@link UpstreamUrlRefused} with a reason. */
  public URI checkUrl(String url) {
    if (!config.allowClientBaseUrl()) {
      throw new UpstreamUrlRefused("this gateway does not accept a client-supplied upstream URL");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new UpstreamUrlRefused("the upstream URL is not a valid URI");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new UpstreamUrlRefused("the upstream URL must use https or http");
    }
    if (uri.getRawUserInfo() != null || uri.getHost() == null) {
      throw new UpstreamUrlRefused("the upstream URL must name a host and carry no user-info");
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (!hostAllowed(host)) {
      throw new UpstreamUrlRefused("the upstream host is not on the allow-list");
    }
    return uri;
  }

  /** Checks the addresses the host resolved to (resolve off the event loop). */
  public void checkAddresses(List<InetAddress> addresses) {
    if (addresses.isEmpty()) {
      throw new UpstreamUrlRefused("the upstream host does not resolve");
    }
    if (config.allowPrivateTargets()) {
      return;
    }
    for (InetAddress address : addresses) {
      if (isInternal(address)) {
        throw new UpstreamUrlRefused("the upstream host resolves to a private, loopback or link-local address");
      }
    }
  }

  private boolean hostAllowed(String host) {
    for (String allowed : config.allowedHosts()) {
      String rule = allowed.toLowerCase(Locale.ROOT).trim();
      if (rule.startsWith("*.")) {
        if (host.endsWith(rule.substring(1)) && host.length() > rule.length() - 1) {
          return true;
        }
      } else if (host.equals(rule)) {
        return true;
      }
    }
    return false;
  }

  /** True for any address a gateway must not be made to call on a client's behalf. */
  static boolean isInternal(InetAddress address) {
    if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
        || address.isSiteLocalAddress() || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 || first == 127 || (first == 100 && second >= 64 && second < 128)
          || (first == 169 && second == 254) || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
          || (first == 198 && (second == 18 || second == 19)) || first >= 240;
    }
    if (address instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) {
        return true;
      }
      boolean mappedOrCompatible = true;
      for (int i = 0; i < 10; i++) {
        mappedOrCompatible &= b[i] == 0;
      }
      if (mappedOrCompatible && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
        try {
          return isInternal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (java.net.UnknownHostException e) {
          return true;
        }
      }
      return (b[0] == 0x20 && b[1] == 0x02) || (b[0] == 0x00 && b[1] == 0x64 && b[2] == (byte) 0xff
          && b[3] == (byte) 0x9b);
    }
    return true;
  }

  /** A refused upstream URL; the message is safe to show the client. */
  public static final class UpstreamUrlRefused extends RuntimeException {
    public UpstreamUrlRefused(String message) {
      super(message, null, false, false);
    }
  }
}
