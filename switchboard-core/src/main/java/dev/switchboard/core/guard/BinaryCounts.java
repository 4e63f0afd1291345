package dev.switchboard.core.guard;

/** Confusion counts of a yes/no decision and the figures derived from them (NaN where undefined). */
public record BinaryCounts(int truePositives, int falsePositives, int falseNegatives, int trueNegatives) {
  public static final BinaryCounts ZERO = new BinaryCounts(0, 0, 0, 0);

  /** Adds one decision. */
  public BinaryCounts add(boolean actual, boolean predicted) {
    return new BinaryCounts(truePositives + (actual && predicted ? 1 : 0),
        falsePositives + (!actual && predicted ? 1 : 0), falseNegatives + (actual && !predicted ? 1 : 0),
        trueNegatives + (!actual && !predicted ? 1 : 0));
  }

  public BinaryCounts plus(BinaryCounts o) {
    return new BinaryCounts(truePositives + o.truePositives, falsePositives + o.falsePositives,
        falseNegatives + o.falseNegatives, trueNegatives + o.trueNegatives);
  }

  public int positives() {
    return truePositives + falseNegatives;
  }

  public int negatives() {
    return falsePositives + trueNegatives;
  }

  public double precision() {
    return ratio(truePositives, truePositives + falsePositives);
  }

  public double recall() {
    return ratio(truePositives, truePositives + falseNegatives);
  }

  public double f1() {
    double p = precision();
    double r = recall();
    return Double.isNaN(p) || Double.isNaN(r) || p + r == 0 ? Double.NaN : 2 * p * r / (p + r);
  }

  public double falsePositiveRate() {
    return ratio(falsePositives, falsePositives + trueNegatives);
  }

  private static double ratio(int a, int b) {
    return b == 0 ? Double.NaN : (double) a / b;
  }
}
