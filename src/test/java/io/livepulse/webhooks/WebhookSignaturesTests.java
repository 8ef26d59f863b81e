package io.livepulse.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;

class WebhookSignaturesTests {

	@Test
	void signsTheStandardWebhooksReferenceVectorToItsPublishedSignature() {
		assertThat(WebhookSignatures.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
				"{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	}

	@Test
	void aNewSecretIsWhsecAndThirtyTwoRandomBytesInBase64() {
		String first = WebhookSignatures.newSecret();
		assertThat(first).startsWith("whsec_");
		assertThat(Base64.getDecoder().decode(first.substring(6))).hasSize(32);
		assertThat(WebhookSignatures.newSecret()).isNotEqualTo(first);
	}

	@Test
	void aRotatedSecretSignsBesideTheNewOneUntilItsOverlapEnds() {
		String current = WebhookSignatures.newSecret();
		String previous = WebhookSignatures.newSecret();
		Instant until = Instant.parse("2026-12-07T12:00:00Z");
		WebhookEndpoint endpoint = new WebhookEndpoint(1, "seller", 7L, "https://shop.example.com/hook",
				EnumSet.of(WebhookEventType.STREAM_LIVE), current, previous, until, true, null, until.minusSeconds(86_400));
		String during = endpoint.signatures("msg_1", 1, "{}", until.minusSeconds(1));
		assertThat(during.split(" ")).containsExactly(WebhookSignatures.sign(current, "msg_1", 1, "{}"),
				WebhookSignatures.sign(previous, "msg_1", 1, "{}"));
		assertThat(endpoint.signatures("msg_1", 1, "{}", until)).isEqualTo(WebhookSignatures.sign(current, "msg_1", 1, "{}"));
	}
}
