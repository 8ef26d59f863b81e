package io.livepulse.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Counts the Spring applications started in this JVM (registered for every SpringApplication by
 * META-INF/spring.factories) and reports the count when the test run ends (registered with JUnit by
 * META-INF/services) on standard output, which Surefire files with the last class's output, and in
 * target/spring-context-starts-&lt;pid&gt;.txt, which bin/test adds up over the test JVMs and prints: each start
 * of the service costs time, so the number is watched (issue 23).
 */
public final class ContextStarts implements ApplicationListener<ApplicationStartedEvent>, TestExecutionListener {

	private static final AtomicInteger STARTED = new AtomicInteger();
	private static final AtomicInteger TEST_CONTEXTS = new AtomicInteger();
	private static final AtomicInteger FRESH_DATABASES = new AtomicInteger();

	static void testContextInitialized() {
		FRESH_DATABASES.incrementAndGet();
	}

	@Override
	public void onApplicationEvent(ApplicationStartedEvent event) {
		STARTED.incrementAndGet();
		// started by Spring's TestContext framework (a cached context), not by a test calling SpringApplication.run
		if (StackWalker.getInstance().walk(frames -> frames
			.anyMatch(frame -> frame.getClassName().startsWith("org.springframework.test.context.")))) {
			TEST_CONTEXTS.incrementAndGet();
		}
	}

	@Override
	public void testPlanExecutionFinished(TestPlan testPlan) {
		String report = ("Spring contexts started: %d (%d test contexts, %d of them through support/FreshDatabase; "
				+ "%d started by tests themselves)").formatted(STARTED.get(), TEST_CONTEXTS.get(), FRESH_DATABASES.get(), STARTED.get() - TEST_CONTEXTS.get());
		System.out.println(report);
		try {
			Files.createDirectories(Path.of("target"));
			// one file per test JVM (Surefire runs two side by side), named by its process id; bin/test adds them up
			Files.writeString(Path.of("target", "spring-context-starts-" + ProcessHandle.current().pid() + ".txt"),
					"%d %d %d%n".formatted(STARTED.get(), TEST_CONTEXTS.get(), FRESH_DATABASES.get()));
		}
		catch (IOException ignored) {
			// the line on standard output is the report; the file is a convenience
		}
	}
}
