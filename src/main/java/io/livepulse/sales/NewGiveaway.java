package io.livepulse.sales;

import org.jspecify.annotations.Nullable;

import io.livepulse.shared.CleanText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A giveaway to open: entries for {@code entrySeconds} (60-300), optionally only for viewers who wrote in the
 * chat, and what is given away (shown to viewers).
 */
record NewGiveaway(@NotNull @Min(60) @Max(300) Integer entrySeconds, @NotNull Boolean chattersOnly,
		@Nullable @Size(max = 120) @CleanText String prize) {
}
