package dev.switchboard.providers.bedrock;

/** An AWS access key pair and the optional session token of temporary credentials. Never printed. */
public record AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
  public AwsCredentials {
    if (accessKeyId == null || accessKeyId.isEmpty() || secretAccessKey == null || secretAccessKey.isEmpty()) {
      throw new IllegalArgumentException("an AWS access key id and secret access key are required");
    }
    sessionToken = sessionToken == null || sessionToken.isEmpty() ? null : sessionToken;
  }

  @Override
  public String toString() {
    return "AwsCredentials[accessKeyId=" + (accessKeyId.length() > 4 ? accessKeyId.substring(0, 4) : "") + "…]";
  }
}
