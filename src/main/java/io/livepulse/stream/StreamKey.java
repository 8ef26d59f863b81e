package io.livepulse.stream;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A stream key: {@code vendor_{vendorId}_{unixSeconds}_{secret}}. Serialised as its plain value for
 * its owner, but {@link #toString()} is redacted so a key never reaches a log line by accident.
 */
record StreamKey(@JsonValue String value) {

	@Override
	public String toString() {
		return "StreamKey[redacted]";
	}
}
