package dev.switchboard.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.core.pipeline.GatewayException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushChunkStreamTest {
  private final List<String> seen = new ArrayList<>();
  private final List<String> producer = new ArrayList<>();

  private ChunkSink sink() {
    return new ChunkSink() {
      @Override
      public void onChunk(ObjectNode chunk) {
        seen.add(chunk.path("n").asText());
      }

      @Override
      public void onEnd() {
        seen.add("end");
      }

      @Override
      public void onError(GatewayException error) {
        seen.add("error:" + error.status());
      }
    };
  }

  private PushChunkStream stream() {
    PushChunkStream stream = new PushChunkStream();
    stream.producer(new PushChunkStream.Producer() {
      @Override
      public void pause() {
        producer.add("pause");
      }

      @Override
      public void resume() {
        producer.add("resume");
      }

      @Override
      public void cancel() {
        producer.add("cancel");
      }
    });
    return stream;
  }

  private static ObjectNode chunk(int n) {
    return Json.object().put("n", n);
  }

  @Test
  void chunksBeforeStart_areBufferedAndDeliveredInOrder() {
    PushChunkStream stream = stream();
    stream.emit(chunk(1));
    stream.emit(chunk(2));
    stream.start(sink());
    stream.emit(chunk(3));
    stream.end();
    assertThat(seen).containsExactly("1", "2", "3", "end");
  }

  @Test
  void paused_buffersAndPausesProducer_resumeDrainsThenEnds() {
    PushChunkStream stream = stream();
    stream.start(sink());
    stream.pause();
    stream.emit(chunk(1));
    stream.end();
    assertThat(seen).isEmpty();
    stream.resume();
    assertThat(seen).containsExactly("1", "end");
    assertThat(producer).startsWith("pause");
  }

  @Test
  void failure_isDeliveredAfterPendingChunks() {
    PushChunkStream stream = stream();
    stream.emit(chunk(1));
    stream.fail(GatewayException.badGateway("cut", "cut"));
    stream.start(sink());
    assertThat(seen).containsExactly("1", "error:502");
  }

  @Test
  void cancel_dropsPendingAndCancelsProducer_laterEmitsIgnored() {
    PushChunkStream stream = stream();
    stream.emit(chunk(1));
    stream.cancel();
    stream.start(sink());
    stream.emit(chunk(2));
    stream.end();
    assertThat(seen).isEmpty();
    assertThat(producer).containsExactly("cancel");
  }

  @Test
  void observer_canDropAndReplaceChunks() {
    PushChunkStream source = stream();
    ChunkStream observed = new ObservedChunkStream(source, c -> c.path("n").asInt() == 2 ? null
        : c.put("n", c.path("n").asInt() * 10));
    observed.start(sink());
    source.emit(chunk(1));
    source.emit(chunk(2));
    source.emit(chunk(3));
    source.end();
    assertThat(seen).containsExactly("10", "30", "end");
  }
}
