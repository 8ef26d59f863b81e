package io.livepulse.stats;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.springframework.http.HttpStatus;

/**
 * One client connection of the event port, owned by one {@link EventLoop} and touched only by its
 * thread. While it waits for its request it keeps the bytes read so far; then it writes its answer or
 * its stream's events without blocking, and after the last byte it lingers until closed.
 */
final class EventPortConnection {

	static final int MAX_REQUEST_BYTES = 8192;
	private static final long LINGER_NANOS = 2_000_000_000L;

	final SocketChannel channel;
	final InetAddress peer;
	private final EventLoop loop;
	private final ConnectionLimits limits;
	/** What this connection counts against in {@link ConnectionLimits}; null until known. */
	String clientKey;
	SelectionKey key;
	byte[] request = new byte[0];
	long streamId = -1;
	long deadlineNanos;
	private ByteBuffer writing;
	private ByteBuffer next;
	private boolean closeWhenWritten;

	EventPortConnection(SocketChannel channel, InetAddress peer, EventLoop loop, ConnectionLimits limits) {
		this.channel = channel;
		this.peer = peer;
		this.loop = loop;
		this.limits = limits;
	}

	/**
	 * Reads what has arrived, through the loop's buffer: the request head once it is complete, else
	 * null. A connection whose client has gone is closed; one whose head grows too large is answered.
	 */
	String read(ByteBuffer readBuffer) {
		readBuffer.clear();
		int read;
		try {
			read = channel.read(readBuffer);
		}
		catch (IOException gone) {
			close();
			return null;
		}
		if (read < 0) {
			close();
			return null;
		}
		if (request == null) {
			return null; // request already taken; anything more a client sends is ignored
		}
		readBuffer.flip();
		int had = request.length;
		if (had + read > MAX_REQUEST_BYTES) {
			request = null;
			respond(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "/", "The request head is too large.");
			return null;
		}
		request = Arrays.copyOf(request, had + read);
		readBuffer.get(request, had, read);
		int end = EventRequest.endOfHead(request, request.length, had - 2);
		if (end < 0) {
			return null;
		}
		String head = new String(request, 0, end, StandardCharsets.ISO_8859_1);
		request = null;
		return head;
	}

	/** Counts this connection for its client, or answers 503 when that client has its fill. */
	boolean countForClient(InetAddress client) {
		clientKey = limits.acquire(client);
		if (clientKey == null) {
			respond(HttpStatus.SERVICE_UNAVAILABLE, "/",
					"Too many event streams are open from your address; close some and try again.");
			return false;
		}
		return true;
	}

	/** Answers with a problem, then closes. */
	void respond(HttpStatus status, String path, String detail) {
		offer(EventPortResponses.problem(status, path, detail), true);
	}

	/**
	 * Queues a frame behind the one being written. A newer event replaces a queued one that has not
	 * started, so a slow subscriber always gets the latest figures and never a growing backlog.
	 */
	void offer(ByteBuffer frame, boolean last) {
		if (closeWhenWritten) {
			return;
		}
		closeWhenWritten = last;
		if (writing == null) {
			writing = frame.duplicate();
			flush();
		}
		else {
			next = frame.duplicate();
		}
	}

	void flush() {
		try {
			while (writing != null) {
				channel.write(writing);
				if (writing.hasRemaining()) {
					key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
					return;
				}
				writing = next;
				next = null;
			}
			if (closeWhenWritten) {
				lingerThenClose();
			}
			else if (key.interestOps() != SelectionKey.OP_READ) {
				key.interestOps(SelectionKey.OP_READ);
			}
		}
		catch (IOException gone) {
			close();
		}
	}

	/**
	 * Half-closes after the last byte and waits briefly for the client to close its side, so that
	 * request bytes the server did not read do not turn into a reset that loses the answer.
	 */
	private void lingerThenClose() {
		loop.leaveStream(this);
		request = null;
		try {
			channel.shutdownOutput();
			key.interestOps(SelectionKey.OP_READ);
		}
		catch (IOException gone) {
			close();
			return;
		}
		deadlineNanos = System.nanoTime() + LINGER_NANOS;
		loop.expire(this);
	}

	void close() {
		loop.forget(this);
		if (!channel.isOpen()) {
			return;
		}
		key.cancel();
		try {
			channel.close();
		}
		catch (IOException ignored) {
			// closing is all we wanted
		}
		limits.unhold();
		if (clientKey != null) {
			limits.release(clientKey);
			clientKey = null;
		}
	}
}
