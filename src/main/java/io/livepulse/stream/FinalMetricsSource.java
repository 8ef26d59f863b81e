package io.livepulse.stream;

/**
 * Supplies the real figures of a stream at the moment it ends. Implemented by the module that
 * keeps the live counters, so this module needs no knowledge of them.
 */
public interface FinalMetricsSource {

	FinalMetrics finalMetricsOf(Stream stream, long durationSeconds);
}
