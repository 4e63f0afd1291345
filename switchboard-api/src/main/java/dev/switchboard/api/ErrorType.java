package dev.switchboard.api;

/** The {@code error.type} values Switchboard uses, following OpenAI's vocabulary where one exists. */
public final class ErrorType {
  public static final String INVALID_REQUEST = "invalid_request_error";
  public static final String AUTHENTICATION = "authentication_error";
  public static final String PERMISSION = "permission_error";
  public static final String NOT_FOUND = "not_found_error";
  public static final String RATE_LIMIT = "rate_limit_error";
  public static final String BUDGET_EXCEEDED = "budget_exceeded";
  public static final String API_ERROR = "api_error";
  public static final String UPSTREAM = "upstream_error";
  public static final String TIMEOUT = "timeout_error";
  public static final String CONTENT_FILTER = "content_filter";
  public static final String GUARDRAIL = "guardrail_error";

  private ErrorType() {}
}
