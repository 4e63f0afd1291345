package dev.switchboard.bench.jmh;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Typical request bodies and stream transcripts shared by the micro-benchmarks. */
final class ChatBodies {
  /** A typical short chat request (about 150 bytes). */
  static final String SMALL = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":"
      + "\"How can I improve my time management skills at work?\"}],\"temperature\":0.7,\"max_tokens\":256}";

  private ChatBodies() {}

  /** A ~2 KB chat request: a system prompt, a few turns of history, a tool definition and sampling options. */
  static String large() {
    ObjectNode body = Json.object();
    body.put("model", "gpt-4o");
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", "You are a careful assistant for a travel agency. "
        + "Answer in short paragraphs, cite prices in the customer's currency and never invent availability. "
        + "When a booking is requested, call the search_flights tool first.");
    String[][] turns = {
        {"user", "I want to fly from Lisbon to Tokyo in the second week of March, two adults, economy."},
        {"assistant", "Certainly. Do you have a preferred departure day, and would you accept one stop?"},
        {"user", "Tuesday or Wednesday is best. One stop is fine if the layover is under three hours. We would "
            + "also like to know about baggage allowance and whether seats can be chosen in advance."},
        {"assistant", "Understood: Lisbon to Tokyo, 10 or 11 March, two adults, economy, at most one stop with a "
            + "layover under three hours. I will also check baggage and seat selection."},
        {"user", "Great, and please compare the total price with flying from Porto instead."}};
    for (String[] turn : turns) {
      messages.addObject().put("role", turn[0]).put("content", turn[1]);
    }
    ObjectNode function = body.putArray("tools").addObject().put("type", "function").putObject("function");
    function.put("name", "search_flights");
    function.put("description", "Search scheduled flights between two airports on a date.");
    ObjectNode parameters = function.putObject("parameters").put("type", "object");
    ObjectNode properties = parameters.putObject("properties");
    for (String name : new String[] {"origin", "destination", "date", "cabin"}) {
      properties.putObject(name).put("type", "string").put("description", "The " + name + " of the trip.");
    }
    properties.putObject("passengers").put("type", "integer").put("minimum", 1);
    parameters.putArray("required").add("origin").add("destination").add("date");
    body.put("temperature", 0.2);
    body.put("top_p", 0.95);
    body.put("max_tokens", 1024);
    body.put("user", "customer-8d41c2");
    body.putObject("metadata").put("tenant", "travel-desk").put("channel", "web-chat");
    return Json.writeString(body);
  }

  /** The chunks of a realistic OpenAI chat stream: role, {@code words} content pieces, finish, usage. */
  static List<ObjectNode> streamChunks(int words) {
    List<ObjectNode> chunks = new ArrayList<>();
    ObjectNode first = chunk();
    ((ObjectNode) first.get("choices").get(0)).putObject("delta").put("role", "assistant").put("content", "");
    chunks.add(first);
    String[] vocabulary = "the gateway answers each request quickly and routes it to a healthy provider".split(" ");
    for (int i = 0; i < words; i++) {
      ObjectNode piece = chunk();
      ((ObjectNode) piece.get("choices").get(0)).putObject("delta").put("content",
          " " + vocabulary[i % vocabulary.length]);
      chunks.add(piece);
    }
    ObjectNode last = chunk();
    ((ObjectNode) last.get("choices").get(0)).putObject("delta");
    ((ObjectNode) last.get("choices").get(0)).put("finish_reason", "stop");
    chunks.add(last);
    return chunks;
  }

  /** The same stream as OpenAI sends it on the wire, with the usage chunk and {@code [DONE]}. */
  static byte[] streamTranscript(int words) {
    StringBuilder out = new StringBuilder();
    for (ObjectNode chunk : streamChunks(words)) {
      out.append("data: ").append(Json.writeString(chunk)).append("\n\n");
    }
    ObjectNode usage = header();
    usage.putArray("choices");
    usage.putObject("usage").put("prompt_tokens", 19).put("completion_tokens", words).put("total_tokens",
        19 + words);
    out.append("data: ").append(Json.writeString(usage)).append("\n\n");
    out.append("data: [DONE]\n\n");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Cuts {@code bytes} into pieces of 1..{@code maxPiece} bytes, as TCP reads deliver them. */
  static int[] randomCuts(int length, int maxPiece, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Integer> cuts = new ArrayList<>();
    int at = 0;
    while (at < length) {
      at = Math.min(length, at + 1 + random.nextInt(maxPiece));
      cuts.add(at);
    }
    return cuts.stream().mapToInt(Integer::intValue).toArray();
  }

  private static ObjectNode chunk() {
    ObjectNode chunk = header();
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putNull("logprobs");
    choice.putNull("finish_reason");
    return chunk;
  }

  private static ObjectNode header() {
    ObjectNode chunk = Json.object();
    chunk.put("id", "chatcmpl-AbC123xYz456");
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", 1_764_000_000L);
    chunk.put("model", "gpt-4o-2024-08-06");
    chunk.put("system_fingerprint", "fp_50cad350e4");
    return chunk;
  }
}
