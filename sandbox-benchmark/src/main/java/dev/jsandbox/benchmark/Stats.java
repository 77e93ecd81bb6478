package dev.jsandbox.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles of a sample of durations in milliseconds. */
record Stats(int count, double p50, double p95, double p99) {

    static Stats of(List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return new Stats(sorted.size(), percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99));
    }

    /** Nearest-rank percentile. */
    private static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    String format() {
        return count == 0 ? "n/a" : String.format("%.0f / %.0f / %.0f", p50, p95, p99);
    }
}
