package dev.switchboard.providers.openai;

import dev.switchboard.providers.Golden;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OpenAiGoldenTest {
  private static final String PROVIDER = "openai";
  private final OpenAiChatTranslator translator = new OpenAiChatTranslator();

  static Stream<String> requests() {
    return Golden.cases(PROVIDER, "request");
  }

  static Stream<String> responses() {
    return Golden.cases(PROVIDER, "response");
  }

  static Stream<String> streams() {
    return Golden.cases(PROVIDER, "stream");
  }

  static Stream<String> errors() {
    return Golden.cases(PROVIDER, "error");
  }

  @ParameterizedTest
  @MethodSource("requests")
  void openAiRequest_translated_matchesNativeGolden(String name) {
    Golden.requestCase(PROVIDER, name, request -> translator.toProvider(request, Golden.CONTEXT));
  }

  @ParameterizedTest
  @MethodSource("responses")
  void nativeResponse_translated_matchesOpenAiGolden(String name) {
    Golden.responseCase(PROVIDER, name, response -> translator.toOpenAi(response, Golden.CONTEXT));
  }

  @ParameterizedTest
  @MethodSource("streams")
  void nativeSseTranscript_translatedInSplitPieces_matchesOpenAiChunks(String name) {
    Golden.streamCase(PROVIDER, name, new OpenAiStreamTranslator("openai-test"));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void nativeError_mapped_matchesOpenAiError(String name) {
    Golden.errorCase(PROVIDER, name, (status, body) -> OpenAiErrors.map("openai-test", status, body, -1));
  }
}
