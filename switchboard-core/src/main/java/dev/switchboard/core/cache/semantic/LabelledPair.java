package dev.switchboard.core.cache.semantic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A labelled sentence pair: {@code same} is true when one may answer for the other, false when it must not, and
 * the pair is skipped when its label is in between (graded sets). {@code calibration} pairs may be used to choose
 * settings; the others are held out to report on.
 */
record LabelledPair(String set, String first, String second, boolean same, boolean calibration) {
  /**
   * PAWS (paws-x-en/pairs.tsv): label 1 paraphrase, 0 word-swap hard negative. Pairs at even positions in the file
   * are the calibration split, odd ones are held out.
   */
  static List<LabelledPair> paws(Path file) throws IOException {
    List<LabelledPair> pairs = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split("\t", -1);
      if (cells.length >= 4 && (cells[3].equals("0") || cells[3].equals("1"))) {
        pairs.add(new LabelledPair("paws", cells[1], cells[2], cells[3].equals("1"), i % 2 == 0));
      }
    }
    return pairs;
  }

  /**
   * STS-B (stsb/stsb.tsv): score at least {@code same} is the same meaning, at most {@code different} is not. The
   * benchmark's own train split is the calibration split; dev and test are held out.
   */
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
      boolean calibration = cells[0].equals("train");
      if (score >= same) {
        pairs.add(new LabelledPair("stsb", cells[6], cells[7], true, calibration));
      } else if (score <= different) {
        pairs.add(new LabelledPair("stsb", cells[6], cells[7], false, calibration));
      }
    }
    return pairs;
  }
}
