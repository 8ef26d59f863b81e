package io.livepulse.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/** {@code --name value} pairs, and the results file they name. */
record Options(Map<String, String> values) {

	static Options parse(String[] args) {
		Map<String, String> values = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("expected --name value, got " + args[i]);
			}
			values.put(args[i].substring(2), args[i + 1]);
		}
		return new Options(values);
	}

	String get(String name) {
		String value = values.get(name);
		if (value == null) {
			throw new IllegalArgumentException("missing --" + name);
		}
		return value;
	}

	String get(String name, String fallback) {
		return values.getOrDefault(name, fallback);
	}

	int integer(String name) {
		return Integer.parseInt(get(name));
	}

	int integer(String name, int fallback) {
		return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
	}

	/** A base URL that is only ever a loopback address. */
	String loopback(String name) {
		return requireLoopback(name, get(name));
	}

	/** The URL, if it points at 127.0.0.1 or ::1 (the only addresses load is ever sent to). */
	static String requireLoopback(String name, String url) {
		String host = URI.create(url).getHost();
		if (!("127.0.0.1".equals(host) || "[::1]".equals(host) || "::1".equals(host))) {
			throw new IllegalArgumentException(name + " must point at 127.0.0.1 or ::1, not " + host);
		}
		return url;
	}

	void record(String key, Object value) throws IOException {
		Path out = Path.of(get("out"));
		Files.createDirectories(out.toAbsolutePath().getParent());
		String prefix = values.getOrDefault("prefix", "");
		Files.writeString(out, prefix + key + "=" + value + System.lineSeparator(), StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
		System.out.println(prefix + key + "=" + value);
	}
}
