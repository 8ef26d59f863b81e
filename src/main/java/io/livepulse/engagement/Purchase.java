package io.livepulse.engagement;

import org.jspecify.annotations.Nullable;

import io.livepulse.security.Caller;
import io.livepulse.shared.CleanText;
import io.livepulse.shared.IsoCurrency;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A purchase reported by the shop backend; {@code amountMinor} in the currency's minor unit (cents).
 * {@code productId} (optional) names the seller's product it bought, {@code quantity} (optional, 1 when a
 * product is named) how many units. {@code claimId} (optional) settles a flash sale's claim: the purchase is
 * stored only if it pays for that held claim (its buyer, product, units and price).
 */
record Purchase(
		@NotBlank @Size(max = 100) @CleanText String orderId,
		@NotNull @Positive @Max(1_000_000_000_000L) Long amountMinor,
		@NotBlank @IsoCurrency String currency,
		@NotBlank @Size(max = Caller.MAX_USER_ID) @CleanText String buyerId,
		@Nullable @Positive Long productId,
		@Nullable @Positive @Max(10_000) Integer quantity,
		@Nullable @Size(max = 36) @Pattern(regexp = "[0-9a-f-]{36}", message = "must be a claim id") String claimId) {

	/** The units bought: as reported, else 1 for a named product, else none. */
	@Nullable
	Integer units() {
		return quantity != null ? quantity : productId != null ? Integer.valueOf(1) : null;
	}
}
