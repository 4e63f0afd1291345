package dev.switchboard.providers.cohere;

import dev.switchboard.providers.Golden;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CohereGoldenTest {
  private static final String PROVIDER = "cohere";
  private final CohereChatTranslator translator = new CohereChatTranslator();

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

  static Stream<String> embeddingRequests() {
    return Golden.cases(PROVIDER, "embed-request");
  }

  static Stream<String> embeddingResponses() {
    return Golden.cases(PROVIDER, "embed-response");
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
    Golden.streamCase(PROVIDER, name, new CohereStreamTranslator("cohere-test", Golden.CONTEXT));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void nativeError_mapped_matchesOpenAiError(String name) {
    Golden.errorCase(PROVIDER, name, (status, body) -> CohereErrors.map("cohere-test", status, body, -1));
  }

  @ParameterizedTest
  @MethodSource("embeddingRequests")
  void embeddingsRequest_translated_matchesNativeGolden(String name) {
    Golden.requestCase(PROVIDER, name, request -> CohereEmbeddings.toProvider(request, "embed-v4.0"));
  }

  @ParameterizedTest
  @MethodSource("embeddingResponses")
  void embeddingsResponse_translated_matchesOpenAiGolden(String name) {
    Golden.responseCase(PROVIDER, name, response -> CohereEmbeddings.toOpenAi(response, "embed-v4.0", false));
  }
}
