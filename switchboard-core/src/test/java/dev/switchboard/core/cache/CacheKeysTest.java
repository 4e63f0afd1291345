package dev.switchboard.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheKeysTest {
  private static final String BASE = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
      + "{\"role\":\"user\",\"content\":\"What is the capital of France?\"}],\"temperature\":0.2,\"top_p\":1,"
      + "\"seed\":7,\"stop\":[\"\\n\\n\"],\"n\":1,\"max_tokens\":64,"
      + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"parameters\":{\"type\":\"object\"}}}],"
      + "\"tool_choice\":\"auto\",\"response_format\":{\"type\":\"text\"},\"top_k\":40}";
  private static final CacheScope SCOPE = new CacheScope("team:a", null, null);

  private final CacheKeys keys = new CacheKeys();

  private static ObjectNode parse(String json) {
    return (ObjectNode) Json.parseTrusted(json);
  }

  @Test
  void keyOrderAndWhitespace_differ_sameKey() {
    String reordered = "{ \"top_k\" : 40 , \"tool_choice\":\"auto\",\n\"response_format\": {\"type\": \"text\"},"
        + " \"max_tokens\": 64, \"n\": 1, \"stop\": [\"\\n\\n\"], \"seed\": 7, \"top_p\": 1.0, \"temperature\": 0.20,"
        + "\t\"tools\": [{\"function\": {\"parameters\": {\"type\": \"object\"}, \"name\": \"lookup\"}, \"type\":"
        + " \"function\"}], \"messages\": [{\"content\": \"Be brief.\", \"role\": \"system\"}, {\"content\":"
        + " \"What is the capital of France?\", \"role\": \"user\"}], \"model\": \"gpt-4o\"}";
    assertThat(keys.exactKey(SCOPE, parse(reordered))).isEqualTo(keys.exactKey(SCOPE, parse(BASE)));
  }

  @Test
  void numberSpellings_sameValue_sameKey() {
    ObjectNode a = parse(BASE);
    ObjectNode b = parse(BASE.replace("\"temperature\":0.2", "\"temperature\":2e-1").replace("\"n\":1", "\"n\":1.0"));
    assertThat(keys.exactKey(SCOPE, b)).isEqualTo(keys.exactKey(SCOPE, a));
  }

  @Test
  void fieldsThatDoNotChangeTheAnswer_differ_sameKey() {
    ObjectNode other = parse(BASE);
    other.put("stream", true);
    other.putObject("stream_options").put("include_usage", true);
    other.put("user", "someone");
    other.putObject("metadata").put("trace", "x");
    assertThat(keys.exactKey(SCOPE, other)).isEqualTo(keys.exactKey(SCOPE, parse(BASE)));
  }

  @Test
  void everyAnswerChangingField_changed_differentKey() {
    Map<String, String> changes = new LinkedHashMap<>();
    changes.put("model", "\"gpt-4o-mini\"");
    changes.put("messages", "[{\"role\":\"user\",\"content\":\"What is the capital of Spain?\"}]");
    changes.put("tools", "[]");
    changes.put("tool_choice", "\"none\"");
    changes.put("response_format", "{\"type\":\"json_object\"}");
    changes.put("temperature", "0.3");
    changes.put("top_p", "0.9");
    changes.put("seed", "8");
    changes.put("stop", "[\"END\"]");
    changes.put("n", "2");
    changes.put("max_tokens", "65");
    changes.put("top_k", "41");
    changes.put("presence_penalty", "0.5");
    changes.put("logit_bias", "{\"50256\":-100}");
    String base = keys.exactKey(SCOPE, parse(BASE));
    for (Map.Entry<String, String> change : changes.entrySet()) {
      ObjectNode changed = parse(BASE);
      changed.set(change.getKey(), Json.parseTrusted(change.getValue()));
      assertThat(keys.exactKey(SCOPE, changed)).as(change.getKey()).isNotEqualTo(base);
    }
  }

  @Test
  void messageContent_whitespaceInsideString_differentKey() {
    ObjectNode changed = parse(BASE.replace("capital of France?", "capital of  France?"));
    assertThat(keys.exactKey(SCOPE, changed)).isNotEqualTo(keys.exactKey(SCOPE, parse(BASE)));
  }

  @Test
  void scopes_tenantNamespaceOrPolicyDiffer_differentKeys() {
    ObjectNode body = parse(BASE);
    String base = keys.exactKey(SCOPE, body);
    assertThat(keys.exactKey(new CacheScope("team:b", null, null), body)).isNotEqualTo(base);
    assertThat(keys.exactKey(new CacheScope("team:a", "blue", null), body)).isNotEqualTo(base);
    assertThat(keys.exactKey(new CacheScope("team:a", null, "strict"), body)).isNotEqualTo(base);
    assertThat(keys.exactKey(new CacheScope("team:a", "blue", null), body))
        .startsWith(CacheScope.prefix("team:a", "blue"));
  }

  @Test
  void stringVersusNumber_sameText_differentKey() {
    ObjectNode a = parse("{\"model\":\"m\",\"seed\":7}");
    ObjectNode b = parse("{\"model\":\"m\",\"seed\":\"7\"}");
    assertThat(keys.exactKey(SCOPE, a)).isNotEqualTo(keys.exactKey(SCOPE, b));
  }

  @Test
  void contextHash_onlyLastUserTurnDiffers_sameContext() {
    ObjectNode a = parse(BASE);
    ObjectNode b = parse(BASE.replace("What is the capital of France?", "Which city is France's capital?"));
    assertThat(keys.contextHash(SCOPE, a)).isNotNull().isEqualTo(keys.contextHash(SCOPE, b));
    ObjectNode system = parse(BASE.replace("Be brief.", "Be verbose."));
    assertThat(keys.contextHash(SCOPE, system)).isNotEqualTo(keys.contextHash(SCOPE, a));
    ObjectNode hotter = parse(BASE.replace("\"temperature\":0.2", "\"temperature\":0.25"));
    assertThat(keys.contextHash(SCOPE, hotter)).isNotEqualTo(keys.contextHash(SCOPE, a));
    assertThat(keys.contextHash(new CacheScope("team:b", null, null), a)).isNotEqualTo(keys.contextHash(SCOPE, a));
  }

  @Test
  void lastUserText_lastMessageFromAssistant_null() {
    ObjectNode body = parse("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
        + "{\"role\":\"assistant\",\"content\":\"hello\"}]}");
    assertThat(CacheKeys.lastUserText(body)).isNull();
    assertThat(keys.contextHash(SCOPE, body)).isNull();
  }
}
