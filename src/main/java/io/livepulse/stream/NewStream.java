package io.livepulse.stream;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What a seller sends to create a stream. */
public record NewStream(@NotBlank @Size(max = 200) String title, @Size(max = 2000) String description,
		Instant scheduledAt, StreamMode mode) {
}
