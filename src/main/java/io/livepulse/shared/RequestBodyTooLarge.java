package io.livepulse.shared;

import java.io.IOException;

/** Thrown while reading a request body that turned out longer than the limit; the problem advice answers 413. */
public final class RequestBodyTooLarge extends IOException {

	private final long limit;

	public RequestBodyTooLarge(long limit) {
		super("request body larger than " + limit + " bytes", null);
		this.limit = limit;
	}

	public long limit() {
		return limit;
	}
}
