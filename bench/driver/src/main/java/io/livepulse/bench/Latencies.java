package io.livepulse.bench;

import java.util.Arrays;

/** Collects latencies (microseconds) from many threads and reports percentiles. */
final class Latencies {

	private long[] values = new long[1 << 16];
	private int size;

	synchronized void add(long micros) {
		if (size == values.length) {
			values = Arrays.copyOf(values, size * 2);
		}
		values[size++] = micros;
	}

	synchronized void reset() {
		size = 0;
	}

	synchronized int count() {
		return size;
	}

	/** The p-th percentile in milliseconds (p in 0..100), nearest rank. */
	synchronized double percentileMillis(double p) {
		if (size == 0) {
			return Double.NaN;
		}
		long[] sorted = Arrays.copyOf(values, size);
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(p / 100.0 * size) - 1;
		return sorted[Math.clamp(rank, 0, size - 1)] / 1000.0;
	}

	static String ms(double value) {
		return String.format(java.util.Locale.ROOT, "%.2f", value);
	}
}
