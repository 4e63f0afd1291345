package dev.switchboard.core.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where a stream translator puts the OpenAI chunks it makes. */
@FunctionalInterface
public interface ChunkEmitter {
  void emit(ObjectNode chunk);
}
