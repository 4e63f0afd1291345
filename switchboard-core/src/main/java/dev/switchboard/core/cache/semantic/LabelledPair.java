package dev.switchboard.core.cache.semantic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A labelled sentence pair: {@code same} is true when one may answer for the other, false when it must not, and
 * the pair is skipped when its label is in between (graded sets).
 */
record LabelledPair(String set, String first, String second, boolean same) {
  /** PAWS (paws-x-en/pairs.tsv): label 1 paraphrase, 0 word-swap hard negative. */
  static List<LabelledPair> paws(Path file) throws IOException {
    List<LabelledPair> pairs = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split("\t", -1);
      if (cells.length >= 4 && (cells[3].equals("0") || cells[3].equals("1"))) {
        pairs.add(new LabelledPair("paws", cells[1], cells[2], cells[3].equals("1")));
      }
    }
    return pairs;
  }

  /** STS-B (stsb/stsb.tsv): score at least {@code same} is the same meaning, at most {@code different} is not. */
  static List<LabelledPair> stsb(Path file, double same, double different) throws IOException {
    List<LabelledPair> pairs = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split("\t", -1);
      if (cells.length < 8) {
        continue;
      }
      double score;
      try {
        score = Double.parseDouble(cells[5]);
      } catch (NumberFormatException e) {
        continue;
      }
      if (score >= same) {
        pairs.add(new LabelledPair("stsb", cells[6], cells[7], true));
      } else if (score <= different) {
        pairs.add(new LabelledPair("stsb", cells[6], cells[7], false));
      }
    }
    return pairs;
  }
}
