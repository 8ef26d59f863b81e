package io.livepulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an async-profiler CPU profile in collapsed form (one line per distinct stack, thread first,
 * then frames from the root, then the sample count) and writes what the report needs to say where
 * the time went: the share of each kind of thread and how much of it the kernel took, the frames
 * with the most samples of their own, and the frames of the service's layers with the most samples
 * in all.
 */
final class ProfileSummary {

	/** Threads named alike share a line: the trailing number and thread id go. */
	private static final Pattern THREAD_SUFFIX = Pattern.compile("[-#]?\\d*( tid=\\d+)?]$");
	private static final Map<String, String> THREAD_KINDS = new LinkedHashMap<>();
	static {
		THREAD_KINDS.put("ForkJoinPool-1-worker", "request threads (carriers of Tomcat's virtual threads)");
		THREAD_KINDS.put("like-group-commit", "group-commit writer");
		THREAD_KINDS.put("like-ack-deadlines", "acknowledgement sweeper");
		THREAD_KINDS.put("-Poller", "Tomcat poller");
		THREAD_KINDS.put("-Acceptor", "Tomcat acceptor");
		THREAD_KINDS.put("livepulse-events", "event port loops");
		THREAD_KINDS.put("CompilerThre", "JIT compilers");
		THREAD_KINDS.put("GC Thread", "garbage collector");
		THREAD_KINDS.put("G1 ", "garbage collector");
	}
	/** Frames worth a line of their own in the totals: ours and the layers a request goes through. */
	private static final List<String> LAYERS = List.of("io/livepulse/", "org/h2/", "org/postgresql/",
			"org/apache/coyote/", "org/apache/tomcat/util/net/", "tools/jackson/", "sun/nio/ch/");

	private ProfileSummary() {
	}

	static void run(Options options) throws IOException {
		Path collapsed = Path.of(options.get("collapsed"));
		int intervalMicros = options.integer("interval-us", 1000);
		Map<String, long[]> byKind = new LinkedHashMap<>(); // samples, of which kernel
		Map<String, Long> self = new HashMap<>();
		Map<String, Long> total = new HashMap<>();
		long samples = 0;
		for (String line : Files.readAllLines(collapsed)) {
			int space = line.lastIndexOf(' ');
			if (space < 0) {
				continue;
			}
			long count = Long.parseLong(line.substring(space + 1).trim());
			String[] frames = line.substring(0, space).split(";");
			samples += count;
			String leaf = frames[frames.length - 1];
			long[] kind = byKind.computeIfAbsent(kindOf(frames[0]), k -> new long[2]);
			kind[0] += count;
			if (leaf.endsWith("_[k]")) {
				kind[1] += count;
			}
			self.merge(leaf, count, Long::sum);
			Set<String> seen = new HashSet<>();
			for (int i = 1; i < frames.length; i++) {
				if (LAYERS.stream().anyMatch(frames[i]::startsWith) && seen.add(frames[i])) {
					total.merge(frames[i], count, Long::sum);
				}
			}
		}
		StringBuilder out = new StringBuilder();
		double seconds = samples * intervalMicros / 1e6;
		out.append(String.format(Locale.ROOT, "%d samples of CPU time, one per %d us of a thread's CPU: %.1f CPU seconds%n",
				samples, intervalMicros, seconds));
		out.append(String.format(Locale.ROOT, "%nby thread: share of all the service's CPU samples (and the part of that share spent in the kernel)%n"));
		long all = Math.max(samples, 1);
		byKind.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(10)
			.forEach(kind -> out.append(String.format(Locale.ROOT, "%6.1f%%  (%4.1f%% kernel)  %s%n",
					100.0 * kind.getValue()[0] / all, 100.0 * kind.getValue()[1] / all, kind.getKey())));
		out.append(String.format(Locale.ROOT, "%nframes with the most samples of their own ([k] = kernel)%n"));
		top(self, 20, all, out);
		out.append(String.format(Locale.ROOT, "%nframes of the service's layers with the most samples in all (self and callees)%n"));
		top(total, 25, all, out);
		Files.writeString(Path.of(options.get("output")), out);
	}

	private static String kindOf(String thread) {
		String name = THREAD_SUFFIX.matcher(thread.startsWith("[") ? thread.substring(1) : thread).replaceAll("");
		return THREAD_KINDS.entrySet().stream().filter(kind -> name.contains(kind.getKey())).map(Map.Entry::getValue)
			.findFirst().orElse(name);
	}

	private static void top(Map<String, Long> frames, int limit, long all, StringBuilder out) {
		frames.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(limit)
			.forEach(frame -> out.append(String.format(Locale.ROOT, "%6.1f%%  %s%n", 100.0 * frame.getValue() / all,
					frame.getKey().length() > 120 ? frame.getKey().substring(0, 120) : frame.getKey())));
	}
}
