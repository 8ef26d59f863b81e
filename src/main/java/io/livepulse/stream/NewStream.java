package io.livepulse.stream;

import java.time.Instant;

import io.livepulse.shared.CleanText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What a seller sends to create a stream; {@code scheduledAt} is checked against the clock by the service. */
record NewStream(@NotBlank @Size(max = 200) @CleanText String title,
		@Size(max = 2000) @CleanText(multiline = true) String description, Instant scheduledAt, StreamMode mode) {
}
