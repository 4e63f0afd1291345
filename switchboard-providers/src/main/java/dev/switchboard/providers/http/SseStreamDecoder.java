package dev.switchboard.providers.http;

import dev.switchboard.core.spi.ChunkEmitter;
import dev.switchboard.core.spi.StreamTranslator;
import dev.switchboard.core.stream.SseEvent;
import dev.switchboard.core.stream.SseEventParser;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/** Server-sent events framing in front of a provider's {@link StreamTranslator}. */
public final class SseStreamDecoder implements StreamDecoder {
  private final StreamTranslator translator;
  private final List<SseEvent> events = new ArrayList<>(4);
  private final SseEventParser parser = new SseEventParser(events::add);

  public SseStreamDecoder(StreamTranslator translator) {
    this.translator = translator;
  }

  @Override
  public void feed(Buffer bytes, ChunkEmitter out) {
    parser.feed(bytes.getBytes());
    drain(out);
  }

  @Override
  public void end(ChunkEmitter out) {
    parser.finish();
    drain(out);
    translator.onEnd(out);
  }

  private void drain(ChunkEmitter out) {
    if (events.isEmpty()) {
      return;
    }
    for (int i = 0; i < events.size(); i++) {
      translator.onEvent(events.get(i), out);
    }
    events.clear();
  }
}
