package dev.switchboard.core.governance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** One admin call after routing: path parameters, query parameters and the JSON body (an empty object if none). */
record AdminRequest(Map<String, String> params, Map<String, String> query, JsonNode body) {
  String param(String name) {
    return params.get(name);
  }
}
