package dev.switchboard.providers.bedrock;

import dev.switchboard.core.config.ProviderConfig;
import dev.switchboard.core.spi.ProviderAdapter;
import dev.switchboard.core.spi.ProviderContext;
import dev.switchboard.core.spi.ProviderFactory;
import dev.switchboard.providers.http.UpstreamHttp;
import java.util.ArrayList;
import java.util.List;

/**
 * Type {@code bedrock}: Amazon Bedrock's Converse API. Options: {@code region} (default us-east-1),
 * {@code access_key_id}, {@code secret_access_key}, {@code session_token} (use ${ENV} references), and
 * {@code signing_service} (default bedrock). {@code base_url} defaults to the regional runtime endpoint.
 */
public final class BedrockProviderFactory implements ProviderFactory {
  public static final String DEFAULT_REGION = "us-east-1";

  @Override
  public String type() {
    return "bedrock";
  }

  public static String defaultBaseUrl(String region) {
    return "https://bedrock-runtime." + region + ".amazonaws.com";
  }

  @Override
  public List<String> validate(String path, ProviderConfig config) {
    List<String> problems = new ArrayList<>();
    if (blank(config.options().get("access_key_id"))) {
      problems.add(path + ".options.access_key_id: is required for Bedrock");
    }
    if (blank(config.options().get("secret_access_key"))) {
      problems.add(path + ".options.secret_access_key: is required for Bedrock");
    }
    String region = config.option("region", DEFAULT_REGION);
    if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
      problems.add(path + ".options.region: '" + region + "' is not an AWS region name");
    }
    return problems;
  }

  @Override
  public ProviderAdapter create(ProviderConfig config, ProviderContext context) {
    String region = config.option("region", DEFAULT_REGION);
    String baseUrl = config.baseUrl() != null ? config.baseUrl() : defaultBaseUrl(region);
    UpstreamHttp http = UpstreamHttp.forProvider(config, context);
    AwsCredentials credentials = new AwsCredentials(config.options().get("access_key_id"),
        config.options().get("secret_access_key"), config.options().get("session_token"));
    SigV4Signer signer = new SigV4Signer(region, config.option("signing_service", "bedrock"), true);
    return new BedrockAdapter(config, context, http, signer, credentials, baseUrl);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
