package io.livepulse.push;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.EventExecutor;

/**
 * The event port's subscribers of each stream, grouped by the event loop that owns their channels.
 * A broadcast copies the event once into one direct buffer ({@link #sharedFrame}) and sends one task
 * to each loop that has subscribers of the stream; that loop writes a duplicate of the same buffer to
 * each of them. A
 * loop's set is changed and read only on that loop; the maps around the sets are safe from any thread.
 */
final class EventSubscribers {

	private final Map<Long, Map<EventExecutor, Set<EventPortChannelHandler>>> byStream = new ConcurrentHashMap<>();
	/** Each stream's subscriber count, kept beside the sets so any thread may read it (a broadcast's pace does). */
	private final Map<Long, AtomicInteger> sizes = new ConcurrentHashMap<>();

	/** On the subscriber's loop. */
	void add(long streamId, EventPortChannelHandler subscriber) {
		byStream.compute(streamId, (id, loops) -> {
			Map<EventExecutor, Set<EventPortChannelHandler>> present = loops != null ? loops : new ConcurrentHashMap<>();
			if (present.computeIfAbsent(subscriber.loop(), loop -> new HashSet<>()).add(subscriber)) {
				sizes.computeIfAbsent(streamId, key -> new AtomicInteger()).incrementAndGet();
			}
			return present;
		});
	}

	/** On the subscriber's loop. */
	void remove(long streamId, EventPortChannelHandler subscriber) {
		byStream.computeIfPresent(streamId, (id, loops) -> {
			loops.computeIfPresent(subscriber.loop(), (loop, subscribers) -> {
				if (subscribers.remove(subscriber)) {
					sizes.computeIfPresent(streamId, (key, size) -> size.decrementAndGet() <= 0 ? null : size);
				}
				return subscribers.isEmpty() ? null : subscribers;
			});
			return loops.isEmpty() ? null : loops;
		});
	}

	/** The stream's subscribers as last counted; from any thread, without waiting on the loops. */
	int size(long streamId) {
		AtomicInteger size = sizes.get(streamId);
		return size == null ? 0 : size.get();
	}

	Set<Long> watchedStreams() {
		return Set.copyOf(byStream.keySet());
	}

	/** Writes the event to every subscriber of the stream, each loop its own, without waiting for any. */
	void publish(long streamId, byte[] event) {
		Map<EventExecutor, Set<EventPortChannelHandler>> loops = byStream.get(streamId);
		if (loops != null) {
			broadcast(streamId, event, loops.keySet(), false);
		}
	}

	/**
	 * Writes the ended event and closes every subscription to the stream. Sent through every loop,
	 * subscribers or not: the task runs after any admission that loop is doing, and an admission that
	 * runs later finds the event in {@link EndedStreams}.
	 */
	void end(long streamId, byte[] endedEvent, Iterable<EventExecutor> allLoops) {
		broadcast(streamId, endedEvent, allLoops, true);
	}

	private void broadcast(long streamId, byte[] event, Iterable<EventExecutor> loops, boolean last) {
		ByteBuf frame = sharedFrame(event);
		for (EventExecutor loop : loops) {
			loop.execute(() -> forEachOn(loop, streamId, subscriber -> subscriber.offer(frame, last)));
		}
	}

	/**
	 * One direct copy of the event that every subscriber writes from through its own duplicate. It is
	 * not reference-counted (no atomic update per subscriber, on loops that share it): its memory goes
	 * with the garbage collector once the last write has let go of it.
	 */
	static ByteBuf sharedFrame(byte[] event) {
		ByteBuffer direct = ByteBuffer.allocateDirect(event.length).put(event).flip();
		return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct));
	}

	private void forEachOn(EventExecutor loop, long streamId, Consumer<EventPortChannelHandler> action) {
		Map<EventExecutor, Set<EventPortChannelHandler>> loops = byStream.get(streamId);
		Set<EventPortChannelHandler> subscribers = loops == null ? null : loops.get(loop);
		if (subscribers != null) {
			// a copy, because a failed write removes the subscriber from the set
			for (EventPortChannelHandler subscriber : subscribers.toArray(EventPortChannelHandler[]::new)) {
				action.accept(subscriber);
			}
		}
	}
}
