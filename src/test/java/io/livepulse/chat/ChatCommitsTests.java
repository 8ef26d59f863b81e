package io.livepulse.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import io.livepulse.shared.ApiProblem;

/** The chat's group commit without a database: a writer that records its batches and can be held. */
class ChatCommitsTests {

	private final List<List<String>> batches = new CopyOnWriteArrayList<>();
	private final CountDownLatch firstBatchHeld = new CountDownLatch(1);
	private final CountDownLatch releaseFirstBatch = new CountDownLatch(1);
	private final AtomicLong ids = new AtomicLong();
	private final ChatCommits commits = new ChatCommits(this::write, TimeUnit.MILLISECONDS.toNanos(20));
	private CompletableFuture<ChatMessage> held;

	@AfterEach
	void stop() {
		releaseFirstBatch.countDown();
		commits.stop();
	}

	@Test
	void messagesQueuedWhileACommitRunsShareTheNextCommit() throws Exception {
		List<CompletableFuture<ChatMessage>> more = queueBehindAHeldCommit("more 0", "more 1", "more 2", "more 3", "more 4");

		releaseTheHeldCommit();

		for (CompletableFuture<ChatMessage> answer : more) {
			assertThat(answer.get(5, TimeUnit.SECONDS).id()).isPositive();
		}
		assertThat(batches).hasSize(2);
		assertThat(batches.get(1)).containsExactlyInAnyOrder("more 0", "more 1", "more 2", "more 3", "more 4");
	}

	@Test
	void aRowTheDatabaseRefusesFailsOnlyItsOwnPost() throws Exception {
		List<CompletableFuture<ChatMessage>> queued = queueBehindAHeldCommit("good", "bad", "also good");

		releaseTheHeldCommit();

		assertThat(queued.get(0).get(5, TimeUnit.SECONDS).text()).isEqualTo("good");
		assertThat(queued.get(2).get(5, TimeUnit.SECONDS).text()).isEqualTo("also good");
		assertThatThrownBy(() -> queued.get(1).join()).hasCauseInstanceOf(ApiProblem.class)
			.cause().hasMessageContaining("could not be stored");
		// the three tried together, then each alone
		assertThat(batches).hasSize(5);
	}

	@Test
	void aFailureOtherThanARefusedRowFailsTheBatchWithoutRetryingEachMessage() throws Exception {
		List<CompletableFuture<ChatMessage>> queued = queueBehindAHeldCommit("one", "no connection");

		releaseTheHeldCommit();

		for (CompletableFuture<ChatMessage> answer : queued) {
			assertThatThrownBy(answer::join).hasCauseInstanceOf(ApiProblem.class);
		}
		// retried alone, the messages could be stored twice if the commit's outcome was unknown
		assertThat(batches).hasSize(2);
		assertThat(commits.isRunning()).isTrue();
	}

	@Test
	void stoppingStoresWhatQueuedAndThenRefusesNewMessages() throws Exception {
		List<CompletableFuture<ChatMessage>> queued = queueBehindAHeldCommit("queued");
		CompletableFuture<Void> stopping = CompletableFuture.runAsync(commits::stop);
		await().atMost(Duration.ofSeconds(5)).until(() -> !commits.isRunning());

		assertThatThrownBy(() -> commits.store(message("late"))).isInstanceOf(ApiProblem.class)
			.hasMessageContaining("nothing was posted");
		releaseTheHeldCommit();

		stopping.get(5, TimeUnit.SECONDS);
		assertThat(queued.getFirst().get(5, TimeUnit.SECONDS).text()).isEqualTo("queued");
	}

	/** Starts the writer, holds its first commit (of "first") and queues {@code texts} behind it. */
	private List<CompletableFuture<ChatMessage>> queueBehindAHeldCommit(String... texts) throws InterruptedException {
		commits.start();
		held = post("first");
		assertThat(firstBatchHeld.await(5, TimeUnit.SECONDS)).isTrue();
		List<CompletableFuture<ChatMessage>> queued = Arrays.stream(texts).map(this::post).toList();
		await().atMost(Duration.ofSeconds(5)).until(() -> commits.queued() == texts.length);
		return queued;
	}

	/** Lets the held first commit finish, which stores "first". */
	private void releaseTheHeldCommit() throws Exception {
		releaseFirstBatch.countDown();
		assertThat(held.get(5, TimeUnit.SECONDS).text()).isEqualTo("first");
	}

	private CompletableFuture<ChatMessage> post(String text) {
		return CompletableFuture.supplyAsync(() -> commits.store(message(text)),
				command -> Thread.ofVirtual().start(command));
	}

	private static ChatCommits.NewMessage message(String text) {
		return new ChatCommits.NewMessage(7, "viewer-1", "Viewer", false, text, false, false, Instant.EPOCH);
	}

	private List<ChatMessage> write(List<ChatCommits.NewMessage> batch) {
		batches.add(batch.stream().map(ChatCommits.NewMessage::text).toList());
		if (batches.size() == 1) {
			firstBatchHeld.countDown();
			try {
				releaseFirstBatch.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
		}
		if (batch.stream().anyMatch(message -> message.text().equals("bad"))) {
			throw new DataIntegrityViolationException("the database refused a row");
		}
		if (batch.stream().anyMatch(message -> message.text().equals("no connection"))) {
			throw new CannotGetJdbcConnectionException("no connection");
		}
		return batch.stream().map(message -> ChatMessage.stored(ids.incrementAndGet(), message.streamId(), message.userId(),
				message.displayName(), message.fromSeller(), message.text(), message.rehearsal(), message.at(),
				message.held())).toList();
	}
}
