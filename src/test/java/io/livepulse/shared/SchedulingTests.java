package io.livepulse.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.AsyncConfigurer;

import io.livepulse.support.ApiClient;
import io.livepulse.support.LivePulseH2Test;
import io.livepulse.support.SseClient;
import io.livepulse.support.Unique;

/**
 * The service's ticks run side by side: one that waits (a database lock, a media server that does not answer)
 * holds up no other. Before, every fixed-delay tick ran on Spring Boot's single scheduler thread, so the chat,
 * auction and engagement pushes waited behind whichever tick was slow.
 */
@LivePulseH2Test
class SchedulingTests {

	@LocalServerPort
	int port;

	@Autowired
	TaskScheduler scheduler;

	@Autowired
	ObjectProvider<AsyncConfigurer> asyncConfigurers;

	@Autowired
	ApplicationContext context;

	/**
	 * The ticks' pool is an Executor too; without {@code spring.task.execution.mode=force} Spring Boot left out its own
	 * executor and the modules' event listeners ({@code @ApplicationModuleListener} is {@code @Async}) ran on the ticks'
	 * threads, where a stream's end put eight transactions in front of the pushes.
	 */
	@Test
	void asyncWorkAndTheModulesEventListenersRunOnVirtualThreadsNotOnTheTicksPool() throws Exception {
		Executor listeners = asyncExecutor();
		CompletableFuture<Thread> ranOn = new CompletableFuture<>();
		listeners.execute(() -> ranOn.complete(Thread.currentThread()));
		Thread thread = ranOn.get(5, TimeUnit.SECONDS);
		assertThat(thread.isVirtual()).as("%s is a virtual thread", thread).isTrue();
		assertThat(thread.getName()).doesNotStartWith("tick-");
	}

	/** The executor Spring's {@code @Async} runs on: an AsyncConfigurer's, else the one TaskExecutor, else "taskExecutor". */
	private Executor asyncExecutor() {
		AsyncConfigurer configurer = asyncConfigurers.getIfUnique();
		if (configurer != null && configurer.getAsyncExecutor() != null) {
			return configurer.getAsyncExecutor();
		}
		TaskExecutor unique = context.getBeanProvider(TaskExecutor.class).getIfUnique();
		return unique != null ? unique : context.getBean("taskExecutor", Executor.class);
	}

	/**
	 * On platform threads the ticks took the cores from the carriers the requests run on: a bidding war's bid answers
	 * took 456 ms at the median against 85-120 ms with the ticks on virtual threads (bench row 4f, side by side).
	 */
	@Test
	void theTicksRunOnVirtualThreadsAsTheRequestsDo() throws Exception {
		CompletableFuture<Thread> ranOn = new CompletableFuture<>();
		scheduler.schedule(() -> ranOn.complete(Thread.currentThread()), java.time.Instant.now());
		Thread thread = ranOn.get(5, TimeUnit.SECONDS);
		assertThat(thread.isVirtual()).as("%s is a virtual thread", thread).isTrue();
		assertThat(thread.getName()).startsWith("tick-");
	}

	@Test
	void aChatMessageReachesItsSubscribersWhileAnotherTickWaits() throws Exception {
		ApiClient api = new ApiClient(port);
		String seller = api.token(Unique.user("seller"), "SELLER", Unique.vendorId());
		long stream = api.liveStream(seller, "Ticks side by side");
		CountDownLatch waiting = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ScheduledFuture<?> stuckTick = scheduler.scheduleWithFixedDelay(() -> {
			waiting.countDown();
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException stopped) {
				Thread.currentThread().interrupt();
			}
		}, Duration.ofMillis(10));
		try (SseClient events = SseClient.open(api.baseUrl() + "/api/streams/" + stream + "/events")) {
			assertThat(waiting.await(5, TimeUnit.SECONDS)).as("the stuck tick started").isTrue();
			assertThat(api.post("/api/streams/" + stream + "/chat", seller, "{\"text\":\"still here\"}").status())
				.isEqualTo(201);
			SseClient.Event chat = events.awaitEvent("chat", 5_000, event -> event.data().contains("still here"));
			assertThat(chat).as("the chat push ran while another tick waited").isNotNull();
		}
		finally {
			release.countDown();
			stuckTick.cancel(false);
		}
	}
}
