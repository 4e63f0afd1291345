package dev.switchboard.core.pipeline;

/** The API dialect the client speaks; responses are written back in it. */
public enum Dialect {
  OPENAI,
  ANTHROPIC
}
