package dev.switchboard.providers.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.spi.ChatTranslator;
import dev.switchboard.core.spi.TranslationContext;

/**
 * OpenAI chat completions ↔ Anthropic Messages ({@code POST /v1/messages}).
 *
 * <p>Request: system and developer messages are lifted into {@code system}; content parts become blocks (text,
 * image from a base64 data URL or an http(s) URL); assistant {@code tool_calls} become {@code tool_use} blocks and
 * tool messages {@code tool_result} blocks, consecutive results sharing one user turn; {@code cache_control} on
 * content parts, system parts and tools passes through; {@code max_completion_tokens}/{@code max_tokens} become the
 * required {@code max_tokens} (a configured default when absent); {@code stop} becomes {@code stop_sequences};
 * {@code tool_choice} auto/required/none/named becomes auto/any/none/tool and {@code parallel_tool_calls: false}
 * becomes {@code disable_parallel_tool_use}; {@code user} becomes {@code metadata.user_id}; {@code top_k} and
 * {@code thinking} pass through. JSON mode ({@code response_format} json_object or json_schema) is honoured with a
 * reserved tool the model is made to call; its input comes back as the message content.
 *
 * <p>Parameter policy: neutral values of parameters Anthropic lacks ({@code n: 1}, zero penalties,
 * {@code logprobs: false}, an empty {@code logit_bias}) are dropped; {@code seed}, {@code store},
 * {@code metadata}, {@code service_tier} and {@code stream_options} are hints without an Anthropic counterpart and
 * are dropped; any other value Anthropic cannot honour ({@code n > 1}, {@code logprobs}, {@code top_logprobs},
 * non-zero penalties, {@code logit_bias}, {@code audio}, {@code prediction}, {@code reasoning_effort} without
 * {@code thinking}, {@code temperature} above 1, non-function tools, audio or file content) is rejected with HTTP
 * 400 naming the parameter.
 *
 * <p>Response: text blocks join into {@code content}, {@code tool_use} blocks become {@code tool_calls},
 * thinking becomes {@code reasoning_content}; stop reasons map end_turn/stop_sequence → stop, max_tokens → length,
 * tool_use → tool_calls, refusal → content_filter; usage counts cache reads and writes into {@code prompt_tokens}
 * and reports them as {@code prompt_tokens_details.cached_tokens} and {@code cache_creation_tokens}.
 */
public final class AnthropicChatTranslator implements ChatTranslator {
  /** The {@code max_tokens} sent when the client gives none (Anthropic requires one). */
  public static final int DEFAULT_MAX_TOKENS = 4096;

  private final AnthropicRequestMapper requests;

  public AnthropicChatTranslator(int defaultMaxTokens) {
    this.requests = new AnthropicRequestMapper(defaultMaxTokens);
  }

  public AnthropicChatTranslator() {
    this(DEFAULT_MAX_TOKENS);
  }

  @Override
  public ObjectNode toProvider(ObjectNode openAiRequest, TranslationContext context) {
    return requests.map(openAiRequest, context.upstreamModel());
  }

  @Override
  public ObjectNode toOpenAi(ObjectNode providerResponse, TranslationContext context) {
    return AnthropicResponseMapper.map(providerResponse, context);
  }
}
