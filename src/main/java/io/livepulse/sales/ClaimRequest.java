package io.livepulse.sales;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** Units a viewer claims from a flash sale. */
record ClaimRequest(@NotNull @Positive Integer quantity) {
}
