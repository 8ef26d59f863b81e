package io.livepulse.webhooks;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;

/**
 * {@code livepulse.webhooks.*}.
 *
 * @param retryDelays the wait before each attempt of a delivery (the first is the first send), each with up to
 *        10% jitter; after the last the delivery is FAILED (it can still be redelivered by hand)
 * @param dispatchInterval how often each node looks for deliveries due
 * @param timeout how long one attempt may take, connecting and answering
 * @param maxResponseBytes the most of an answer's body that is read (and kept: its first 512 characters)
 * @param maxEndpoints the most endpoints one seller (or all admins together) may register
 * @param maxSendsPerSecond the most attempts each node sends to one endpoint per second (bursts up to as many);
 *        deliveries over it wait for the next pass, in order
 * @param allowLoopbackTargets lets endpoints on 127.0.0.1 or ::1 through, for trying webhooks locally; honoured in
 *        the dev profile only
 */
@Validated
@ConfigurationProperties("livepulse.webhooks")
record WebhookProperties(
		@DefaultValue({ "0s", "5s", "5m", "30m", "2h", "5h", "10h", "14h", "20h", "24h" }) @NotEmpty List<Duration> retryDelays,
		@DefaultValue("1s") Duration dispatchInterval, @DefaultValue("15s") Duration timeout,
		@DefaultValue("65536") @Positive @Max(1_048_576) int maxResponseBytes,
		@DefaultValue("20") @Positive @Max(1_000) int maxEndpoints, @DefaultValue("100") @Positive @Max(10_000) int maxSendsPerSecond,
		@DefaultValue("false") boolean allowLoopbackTargets) {
}
