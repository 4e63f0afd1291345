package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {
  @Test
  void demoOnce_everySampleRequestBehaves_andExitsZero() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      code = new CommandLine(new Main()).execute("demo", "--once", "--port", "0", "--sim-port", "0");
    } finally {
      System.setOut(original);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    original.println(output);
    assertThat(output).contains("chat claude-3-5-sonnet", "chat gemini-1.5-pro", "chat gpt-4o-azure",
        "chat command-r-plus", "chat claude-3-5-sonnet-bedrock", "repeat (cache)", "failover gpt-4o");
    assertThat(output).doesNotContain("✘");
    assertThat(code).isZero();
  }

  @Test
  void everySubcommand_hasHelp() {
    for (String command : new String[] {"serve", "sim", "demo"}) {
      assertThat(new CommandLine(new Main()).execute(command, "--help")).as(command).isZero();
    }
  }
}
