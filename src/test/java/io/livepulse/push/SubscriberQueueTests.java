package io.livepulse.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** A servlet subscriber's queue: every event once and in order, even while another thread is writing. */
class SubscriberQueueTests {

	final List<String> written = new CopyOnWriteArrayList<>();
	final AtomicInteger completions = new AtomicInteger();
	final AtomicInteger aborts = new AtomicInteger();

	static byte[] event(String name) {
		return name.getBytes(StandardCharsets.UTF_8);
	}

	SubscriberQueue recording() {
		return new SubscriberQueue(bytes -> written.add(new String(bytes, StandardCharsets.UTF_8)),
				completions::incrementAndGet, aborts::incrementAndGet);
	}

	@Test
	void anEventPublishedWhileAnotherIsBeingWrittenIsWrittenAfterItNotSkipped() throws Exception {
		CountDownLatch firstWriteStarted = new CountDownLatch(1);
		CountDownLatch socketDrains = new CountDownLatch(1);
		SubscriberQueue queue = new SubscriberQueue(bytes -> {
			String name = new String(bytes, StandardCharsets.UTF_8);
			if (name.equals("chat-pin 1")) {
				firstWriteStarted.countDown();
				try {
					socketDrains.await(5, TimeUnit.SECONDS);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
				}
			}
			written.add(name);
			return true;
		}, completions::incrementAndGet, aborts::incrementAndGet);

		assertThat(queue.enqueue(event("chat-pin 1"))).isTrue();
		Thread writer = Thread.ofVirtual().start(queue::drain);
		assertThat(firstWriteStarted.await(5, TimeUnit.SECONDS)).isTrue();

		assertThat(queue.enqueue(event("chat 2"))).isTrue();
		assertThat(queue.drain()).as("busy: the writing thread takes it").isTrue();
		assertThat(queue.enqueue(event("chat-pin 3"))).isTrue();
		assertThat(queue.drain()).isTrue();
		assertThat(written).isEmpty();

		socketDrains.countDown();
		writer.join(5_000);
		assertThat(written).containsExactly("chat-pin 1", "chat 2", "chat-pin 3");
		assertThat(completions).hasValue(0);
	}

	@Test
	void manyPublishersAtOnceGetEveryEventWrittenOnceInEachPublishersOrder() throws Exception {
		int publishers = 4;
		int perPublisher = 5_000;
		SubscriberQueue queue = new SubscriberQueue(publishers * perPublisher, bytes -> {
			written.add(new String(bytes, StandardCharsets.UTF_8));
			return true;
		}, completions::incrementAndGet, aborts::incrementAndGet);
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> threads = new java.util.ArrayList<>();
		for (int p = 0; p < publishers; p++) {
			int publisher = p;
			threads.add(Thread.ofPlatform().start(() -> {
				try {
					start.await();
				}
				catch (InterruptedException interrupted) {
					return;
				}
				for (int i = 0; i < perPublisher; i++) {
					queue.enqueue(event(publisher + ":" + i));
					queue.drain();
				}
			}));
		}
		start.countDown();
		for (Thread thread : threads) {
			thread.join(30_000);
		}

		assertThat(written).as("nothing left waiting without a writer").hasSize(publishers * perPublisher);
		for (int p = 0; p < publishers; p++) {
			String prefix = p + ":";
			assertThat(written.stream().filter(name -> name.startsWith(prefix)).map(name -> name.substring(prefix.length()))
				.map(Integer::parseInt).toList()).as("publisher %d's events, each once, in order", p)
				.isEqualTo(java.util.stream.IntStream.range(0, perPublisher).boxed().toList());
		}
	}

	@Test
	void lettingGoDuringABlockedWriteDoesNotWaitForItAndCompletesOnceItEnds() throws Exception {
		CountDownLatch writeStarted = new CountDownLatch(1);
		CountDownLatch socketDrains = new CountDownLatch(1);
		SubscriberQueue queue = new SubscriberQueue(bytes -> {
			writeStarted.countDown();
			try {
				socketDrains.await(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
			written.add(new String(bytes, StandardCharsets.UTF_8));
			return true;
		}, completions::incrementAndGet, aborts::incrementAndGet);
		queue.enqueue(event("stuck"));
		queue.enqueue(event("never written"));
		Thread writer = Thread.ofVirtual().start(queue::drain);
		assertThat(writeStarted.await(5, TimeUnit.SECONDS)).isTrue();

		queue.letGo();
		assertThat(completions).as("not while the write is under way").hasValue(0);
		assertThat(aborts).as("let go at shutdown, not for falling behind: no reset").hasValue(0);

		socketDrains.countDown();
		writer.join(5_000);
		assertThat(written).containsExactly("stuck");
		assertThat(completions).as("completed by the writer as it left").hasValue(1);
	}

	@Test
	void aSubscriberMoreThanTheLimitBehindIsLetGoAndTakesNoMore() {
		SubscriberQueue queue = recording();
		for (int i = 1; i <= SubscriberQueue.MAX_WAITING; i++) {
			assertThat(queue.enqueue(event("engagement " + i))).isTrue();
		}
		assertThat(queue.enqueue(event("one too many"))).isFalse();
		assertThat(completions).hasValue(1);
		assertThat(aborts).as("its connection is dropped at once").hasValue(1);

		assertThat(queue.drain()).isFalse();
		assertThat(queue.enqueue(event("later"))).isFalse();
		assertThat(written).isEmpty();
		assertThat(completions).as("completed once").hasValue(1);
	}

	@Test
	void theLastEventIsWrittenAfterWhatWaitsThenTheSubscriberCompletesAndTakesNoMore() {
		SubscriberQueue queue = recording();
		queue.enqueue(event("chat"));
		queue.enqueueLast(event("ended"));
		queue.enqueueLast(event("ended again"));
		assertThat(queue.enqueue(event("engagement"))).as("after the last event").isFalse();

		assertThat(queue.drain()).isFalse();
		assertThat(written).containsExactly("chat", "ended");
		assertThat(completions).hasValue(1);
		assertThat(aborts).hasValue(0);
	}

	@Test
	void aFailedWriteEndsTheSubscriberWithoutWritingTheRest() {
		SubscriberQueue queue = new SubscriberQueue(bytes -> {
			written.add(new String(bytes, StandardCharsets.UTF_8));
			return false;
		}, completions::incrementAndGet, aborts::incrementAndGet);
		queue.enqueue(event("a"));
		queue.enqueue(event("b"));

		assertThat(queue.drain()).isFalse();
		assertThat(written).containsExactly("a");
		assertThat(queue.enqueue(event("c"))).isFalse();
	}
}
