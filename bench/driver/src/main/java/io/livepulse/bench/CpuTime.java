package io.livepulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU seconds (user + system) a process has used so far, to tell the service's share from the load generator's. */
final class CpuTime {

	private static final double CLOCK_TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

	private CpuTime() {
	}

	static double ofProcess(String pid) throws IOException {
		String stat = Files.readString(Path.of("/proc", pid, "stat"));
		// fields after the command name, which is in parentheses and may hold spaces
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS_PER_SECOND;
	}

	static double ofThisProcess() throws IOException {
		return ofProcess(String.valueOf(ProcessHandle.current().pid()));
	}
}
