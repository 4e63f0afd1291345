package dev.switchboard.core.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The pieces of free text in a request in the canonical OpenAI form: message content given as a string, the
 * {@code text} of content parts, and embeddings {@code input} strings. Anthropic requests arrive here already
 * translated (system blocks, text blocks and tool results become these same fields). Tool-call arguments, images
 * and audio are not text and are left alone.
 */
public final class ChatText {
  private ChatText() {}

  /** A place in the request body holding one piece of text; {@link #set} writes a replacement back. */
  public static final class Slot {
    private final JsonNode parent;
    private final String field;
    private final int index;
    private final String role;
    private final String text;

    private Slot(JsonNode parent, String field, int index, String role, String text) {
      this.parent = parent;
      this.field = field;
      this.index = index;
      this.role = role;
      this.text = text;
    }

    public String text() {
      return text;
    }

    /** The message role ({@code user}, {@code system}, {@code tool}, ...); {@code input} for embeddings. */
    public String role() {
      return role;
    }

    /** Whether this text came from the end user or a tool, where injected instructions arrive. */
    public boolean untrusted() {
      return !"system".equals(role) && !"developer".equals(role) && !"assistant".equals(role);
    }

    public void set(String replacement) {
      if (field != null) {
        ((ObjectNode) parent).put(field, replacement);
      } else {
        ((ArrayNode) parent).set(index, replacement);
      }
    }
  }

  /** Every text slot of the body, in document order. */
  public static List<Slot> slots(ObjectNode body) {
    List<Slot> out = new ArrayList<>();
    JsonNode messages = body.get("messages");
    if (messages instanceof ArrayNode array) {
      for (JsonNode message : array) {
        if (message instanceof ObjectNode m) {
          String role = m.path("role").asText("user");
          content(m, role, out);
        }
      }
    }
    JsonNode input = body.get("input");
    if (input != null && input.isTextual()) {
      out.add(new Slot(body, "input", -1, "input", input.textValue()));
    } else if (input instanceof ArrayNode inputs) {
      for (int i = 0; i < inputs.size(); i++) {
        if (inputs.get(i).isTextual()) {
          out.add(new Slot(inputs, null, i, "input", inputs.get(i).textValue()));
        }
      }
    }
    return out;
  }

  private static void content(ObjectNode message, String role, List<Slot> out) {
    JsonNode content = message.get("content");
    if (content != null && content.isTextual()) {
      out.add(new Slot(message, "content", -1, role, content.textValue()));
    } else if (content instanceof ArrayNode parts) {
      for (JsonNode part : parts) {
        JsonNode text = part.get("text");
        if (part instanceof ObjectNode p && text != null && text.isTextual()) {
          out.add(new Slot(p, "text", -1, role, text.textValue()));
        }
      }
    }
  }
}
