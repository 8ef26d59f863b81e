package io.livepulse.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** This machine's processes as any local user sees them in the process list. */
public final class ProcessList {

	private ProcessList() {
	}

	/** The command lines (arguments joined by spaces) of this machine's processes that contain the text. */
	public static List<String> commandLinesMentioning(String text) throws IOException {
		List<String> lines = new ArrayList<>();
		try (var processes = Files.list(Path.of("/proc"))) {
			for (Path process : processes.filter(path -> path.getFileName().toString().matches("\\d+")).toList()) {
				try {
					String line = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
					if (line.contains(text)) {
						lines.add(line);
					}
				}
				catch (IOException gone) {
					// the process ended meanwhile
				}
			}
		}
		return lines;
	}
}
