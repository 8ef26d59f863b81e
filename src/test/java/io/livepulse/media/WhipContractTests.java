package io.livepulse.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.livepulse.support.ApiClient;
import io.livepulse.support.ApiClient.Response;
import io.livepulse.support.LivePulseH2Test;
import io.livepulse.support.NginxRtmp;

/**
 * (Its encoder client ids start at 700,000: the context is shared with other hook tests.)
 *
 * Going live from a camera (WHIP) as a client and the media server see it, without Janus: what is refused before
 * Janus is asked, the answer when Janus cannot be reached, and the signed name the camera's publish reaches the
 * media server under (never the stream key). The whole way with a real Janus, nginx-rtmp, ffmpeg and Chromium is
 * {@code WebRtcBrowserTests}.
 */
@LivePulseH2Test
class WhipContractTests {

	static final String OFFER = """
			v=0
			o=- 1 2 IN IP4 127.0.0.1
			s=-
			t=0 0
			m=audio 9 UDP/TLS/RTP/SAVPF 111
			a=mid:0
			a=sendonly
			m=video 9 UDP/TLS/RTP/SAVPF 96
			a=mid:1
			a=sendonly
			""";

	@LocalServerPort
	int port;

	@Autowired
	WhipIngestNames names;

	ApiClient api;
	String seller;
	long stream;

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
		seller = api.token("seller-1", "SELLER", 456L);
		stream = api.post("/api/streams", seller, "{\"title\":\"Camera\"}").json().get("id").asLong();
	}

	private Response whip(String token, String offer) {
		return api.exchange("POST", "/api/streams/" + stream + "/whip", token, offer, "application/sdp", Map.of());
	}

	@Test
	void anOfferThatIsNoCameraIsRefusedWithAProblemAndNothingStarts() {
		assertProblem(whip(seller, "hello"), 400, "SDP offer");
		assertProblem(whip(seller, OFFER.replace("m=video 9 UDP/TLS/RTP/SAVPF 96\na=mid:1\n", "")), 400, "one video track");
		assertProblem(whip(seller, OFFER.replace("a=mid:1", "a=mid:1 x\r\nm=video")), 400, "short names");
		assertProblem(whip(seller, OFFER + "m=audio 9 UDP/TLS/RTP/SAVPF 111\na=mid:2\n"), 400, "at most one audio");
		assertProblem(whip(seller, OFFER.replace("a=mid:1\na=sendonly", "a=mid:1\na=recvonly")), 400, "must be sent");
		assertProblem(whip(seller, OFFER.replace("a=mid:1\n", "a=mid:1\na=mid:2\n")), 400, "one id");
		assertThat(api.exchange("POST", "/api/streams/" + stream + "/whip", seller, "{}", "application/json", Map.of()).status())
			.as("JSON is no offer").isEqualTo(415);
		assertThat(api.get("/api/streams/" + stream, null).json().get("status").asString()).isEqualTo("CREATED");
	}

	@Test
	void onlyTheStreamsSellerPublishesAndNotOnAnEndedStream() {
		assertProblem(whip(api.token("admin", "ADMIN", null), OFFER), 403, "Only the stream's seller");
		assertProblem(whip(api.token("seller-2", "SELLER", 999L), OFFER), 403, "another seller");
		assertProblem(whip(null, OFFER), 401, "");
		api.post("/api/streams/" + stream + "/start", seller, null);
		api.post("/api/streams/" + stream + "/end", seller, "{\"save\":false}");
		assertProblem(whip(seller, OFFER), 409, "has ended");
	}

	@Test
	void withoutJanusTheSellerIsToldToUseAnEncoderAndNothingRuns() {
		assertProblem(whip(seller, OFFER), 503, "go live with an encoder");
		assertThat(api.get("/api/streams/" + stream, null).json().get("status").asString()).isEqualTo("CREATED");
		assertProblem(api.exchange("DELETE", "/api/streams/" + stream + "/whip/00ff", seller, null, null, Map.of()), 404,
				"No camera publish");
	}

	@Test
	void aSellerPostingCameraOffersOverAndOverIsToldToWait() {
		String flooder = api.token("whip-flood-" + stream, "SELLER", 700_000L + stream);
		long own = api.post("/api/streams", flooder, "{\"title\":\"Flood\"}").json().get("id").asLong();
		for (int start = 0; start < 3; start++) {
			assertThat(api.exchange("POST", "/api/streams/" + own + "/whip", flooder, OFFER, "application/sdp", Map.of()).status())
				.as("without Janus here each start is a 503").isEqualTo(503);
		}
		assertProblem(api.exchange("POST", "/api/streams/" + own + "/whip", flooder, OFFER, "application/sdp", Map.of()), 429,
				"Too many camera starts");
		assertProblem(api.exchange("POST", "/api/streams/" + own + "/whip", flooder, "hello", "application/sdp", Map.of()), 400,
				"SDP offer");
	}

	@Test
	void theCamerasPublishGoesLiveUnderItsSignedNameWhileFreshAndGoesOnAfter() {
		String name = names.mint(stream, Instant.now());
		assertThat(publish(name.substring(0, name.length() - 1) + (name.endsWith("0") ? "1" : "0")).status())
			.as("a name whose signature does not match").isEqualTo(403);
		assertThat(publish(names.mint(stream, Instant.now().minus(WhipIngestNames.VALID_FOR).minusSeconds(2))).status())
			.as("a name older than it may start a publish").isEqualTo(403);
		assertThat(publish(name).status()).isEqualTo(302);
		assertThat(api.get("/api/streams/" + stream, null).json().get("status").asString()).isEqualTo("LIVE");
		String expired = names.mint(stream, Instant.now().minus(WhipIngestNames.VALID_FOR).minusSeconds(2));
		assertThat(api.postForm("/api/media/nginx-rtmp/update?secret=" + NginxRtmp.HOOK_SECRET,
				"call=update_publish&app=ingest&clientid=" + (700_000 + stream) + "&name=" + expired).status())
			.as("a publish that started in time goes on").isEqualTo(204);
		api.post("/api/streams/" + stream + "/end", seller, "{\"save\":false}");
	}

	private Response publish(String name) {
		return api.postForm("/api/media/nginx-rtmp/publish?secret=" + NginxRtmp.HOOK_SECRET,
				"call=publish&app=ingest&name=" + name + "&clientid=" + (700_000 + stream) + "&addr=127.0.0.1&type=live");
	}

	private static void assertProblem(Response response, int status, String detail) {
		assertThat(response.status()).isEqualTo(status);
		assertThat(response.isProblem()).as("application/problem+json").isTrue();
		assertThat(response.body()).contains(detail);
	}
}
