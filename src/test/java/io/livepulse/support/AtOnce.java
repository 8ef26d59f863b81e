package io.livepulse.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Calls released together from as many threads, for tests of what happens when requests arrive at the same moment. */
public final class AtOnce {

	private AtOnce() {
	}

	/** {@code times} calls of {@code call} (given their index), released together; the answers in index order. */
	public static <T> List<T> call(int times, IntFunction<T> call) {
		CountDownLatch go = new CountDownLatch(1);
		try (ExecutorService callers = Executors.newFixedThreadPool(times)) {
			List<Future<T>> calls = new ArrayList<>();
			try {
				for (int i = 0; i < times; i++) {
					int index = i;
					calls.add(callers.submit(() -> {
						go.await();
						return call.apply(index);
					}));
				}
			}
			finally {
				go.countDown(); // else the callers already waiting would keep the pool from closing
			}
			List<T> answers = new ArrayList<>();
			for (Future<T> answer : calls) {
				answers.add(answer.get());
			}
			return answers;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while calling at once", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("a call made at once failed", ex.getCause());
		}
	}
}
