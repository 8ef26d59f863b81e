package io.livepulse.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import io.livepulse.support.ApiClient;

/**
 * Chat in a real Chromium on a phone: a signed-in viewer posts (an XSS payload stays text), the
 * seller's answer is marked, the seller deletes the viewer's message and it disappears within a
 * second; timed out, the viewer's input says until when; signed out, it says to sign in. On a replay the
 * whole chat is read and follows the video's time.
 */
class ChatBrowserTests extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void aReplayShowsTheWholeChatAndFollowsTheVideosTime() {
		ApiClient api = new ApiClient(port);
		String seller = api.token("seller-1", "SELLER", 456L);
		long stream = api.liveStream(seller, "Replayed drop");
		java.time.Instant startedAt = java.time.Instant.parse(
				api.get("/api/streams/" + stream + "/chat", null).json().get("startedAt").asString());
		for (int i = 1; i <= 60; i++) {
			jdbc.sql("""
					insert into chat_messages (stream_id, user_id, from_seller, body, rehearsal, created_at)
					values (:id, 'fan', false, :body, false, :at)
					""").param("id", stream).param("body", "message " + i)
				.param("at", java.sql.Timestamp.from(startedAt.plusSeconds(i))).update();
		}
		api.post("/api/streams/" + stream + "/end", seller, "{\"save\":true}");

		try (BrowserContext phone = browsers.phone(baseUrl())) {
			Page page = phone.newPage();
			page.navigate("/live/" + stream);
			assertThat(page.locator("#chat-list li")).hasCount(60);
			assertThat(page.locator("#chat-hint")).hasText("replay · 60 messages");
			assertThat(page.locator("#chat-form")).isHidden();
			assertThat(page.locator("#chat-reason")).hasText("This is the chat as it happened.");

			// a recording at 0:30: only the messages of the first 30 seconds are shown
			page.evaluate("""
					() => {
					  const video = document.createElement('video');
					  Object.defineProperty(video, 'duration', { value: 600 });
					  Object.defineProperty(video, 'currentTime', { value: 30 });
					  document.getElementById('player').prepend(video);
					  video.dispatchEvent(new Event('timeupdate'));
					}""");
			assertThat(page.locator("#chat-list li:visible")).hasCount(30);
			assertThat(page.locator("#chat-list li:visible").last()).hasText("fan message 30");
			assertThat(page.locator("#chat-hint")).hasText("replay · 30 of 60 messages up to 0:30");
		}
	}

	@Test
	void aViewerPostsTheSellerDeletesItAndItDisappearsForTheOthersToo() {
		ApiClient api = new ApiClient(port);
		String seller = api.token("seller-1", "SELLER", 456L);
		long stream = api.liveStream(seller, "Sneaker drop");
		String baseUrl = "http://127.0.0.1:" + port;

		try (BrowserContext phone = browsers.phone(baseUrl); BrowserContext anonymous = browsers.phone(baseUrl)) {
			Page viewer = phone.newPage();
			BrowserSupport.signIn(viewer, "viewer-1", "/live/" + stream);
			Page stranger = anonymous.newPage();
			stranger.navigate("/live/" + stream);
			assertThat(stranger.locator("#chat-input")).isDisabled();
			assertThat(stranger.locator("#chat-reason")).hasText("Sign in to chat.");

			viewer.locator("#chat-input").fill("<img src=x onerror=alert(1)> size 42?");
			viewer.locator("#chat-send").click();
			Locator mine = viewer.locator("#chat-list li", new Page.LocatorOptions().setHasText("size 42?"));
			assertThat(mine).hasCount(1);
			assertThat(mine.locator(".chat-text")).hasText("<img src=x onerror=alert(1)> size 42?");
			assertThat(viewer.locator("#chat-list img")).hasCount(0);
			assertThat(stranger.locator("#chat-list li")).hasCount(1);

			assertThat(api.post("/api/streams/" + stream + "/chat", seller, "{\"text\":\"Yes, 38 to 46 ✓\"}").status())
				.isEqualTo(201);
			assertThat(viewer.locator("#chat-list li.from-seller")).hasText("Seller Yes, 38 to 46 ✓");
			api.put("/api/streams/" + stream + "/chat/settings", seller, "{\"enabled\":true,\"slowModeSeconds\":10}");
			assertThat(viewer.locator("#chat-hint")).hasText("slow mode: 10 s");
			BrowserSupport.screenshot(viewer, "viewer-chat-phone");
			assertThat((Boolean) viewer.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
				.as("nothing wider than the phone").isTrue();

			long messageId = api.get("/api/streams/" + stream + "/chat", null).json().get("messages").get(0).get("id").asLong();
			assertThat(api.exchange("DELETE", "/api/streams/" + stream + "/chat/" + messageId, seller, null, null, Map.of())
				.status()).isEqualTo(204);
			// the deletion goes with the next chat batch (how soon is bench/'s, row 4d)
			assertThat(mine).hasCount(0);
			assertThat(stranger.locator("#chat-list li", new Page.LocatorOptions().setHasText("size 42?"))).hasCount(0);

			api.post("/api/streams/" + stream + "/chat/timeouts", seller, "{\"userId\":\"viewer-1\",\"minutes\":5}");
			viewer.locator("#chat-input").fill("why?");
			viewer.locator("#chat-send").click();
			assertThat(viewer.locator("#chat-reason")).containsText("You are timed out until");
			assertThat(viewer.locator("#chat-input")).isDisabled();
		}
	}
}
