package io.livepulse.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/**
 * The player's wait for a WebRTC connection that comes after it switched to HLS (webrtc.js awaitLateConnection),
 * against a connection and a video element the test controls: it takes over only once connected and showing a
 * picture, and otherwise its element goes and its session is released, also when the connection never comes.
 * {@code WebRtcBrowserTests} runs the takeover with a real Janus.
 */
class LateWebRtcConnectionBrowserTests extends BrowserTest {

	/**
	 * Runs the case in the page: the wait starts, then it is dropped, the connection comes, and its element gets a
	 * frame, each if asked; the result is read once it was offered or released (the times are 1 s each).
	 */
	private static final String CASE = """
			async ({ drop, connect, picture, takeOver }) => {
			  const { awaitLateConnection } = %s;
			  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
			  const until = async (done) => { for (let i = 0; i < 100 && !done(); i++) await pause(50); };
			  const element = document.createElement('div');
			  let width = 0;
			  Object.defineProperty(element, 'videoWidth', { get: () => width });
			  document.body.append(element);
			  let connectNow;
			  const connecting = new Promise((resolve) => { connectNow = () => resolve({ name: 'session' }); });
			  let released = 0;
			  const asked = [];
			  const late = awaitLateConnection(connecting, element, { ms: 1_000, pictureMs: 1_000,
			    release: () => { released += 1; },
			    takeOver: (connection) => { asked.push(connection.name); return takeOver; } });
			  const hiddenWhileWaiting = element.style.visibility === 'hidden';
			  if (drop) late.drop();
			  if (connect) connectNow();
			  if (picture) width = 320;
			  await until(() => asked.length > 0 || released > 0);
			  await pause(200); // nothing more comes after
			  return { hiddenWhileWaiting, asked: asked.join(), released, inPage: element.isConnected,
			    visibleAfter: element.style.visibility !== 'hidden' };
			}""";

	@Test
	void aConnectionWithAPictureInTimeIsOfferedAndKeptWhenTakenOver() {
		Map<String, Object> result = run(Map.of("connect", true, "picture", true, "takeOver", true));
		assertThat(result).containsEntry("hiddenWhileWaiting", true).containsEntry("asked", "session")
			.containsEntry("released", 0).containsEntry("inPage", true).containsEntry("visibleAfter", true);
	}

	@Test
	void aConnectionThePlayerNoLongerWantsIsReleasedAndItsElementGoes() {
		Map<String, Object> result = run(Map.of("connect", true, "picture", true));
		assertThat(result).containsEntry("asked", "session").containsEntry("released", 1).containsEntry("inPage", false);
	}

	@Test
	void aConnectionThatNeverComesIsReleasedAfterItsTime() {
		Map<String, Object> result = run(Map.of("takeOver", true));
		assertThat(result).containsEntry("asked", "").containsEntry("released", 1).containsEntry("inPage", false);
	}

	@Test
	void aConnectionWithoutAPictureIsReleased() {
		Map<String, Object> result = run(Map.of("connect", true, "takeOver", true));
		assertThat(result).containsEntry("asked", "").containsEntry("released", 1).containsEntry("inPage", false);
	}

	@Test
	void aDroppedWaitIsReleasedAtOnceAndNeverOffersTheConnectionThatComesAfter() {
		Map<String, Object> result = run(Map.of("drop", true, "connect", true, "picture", true, "takeOver", true));
		assertThat(result).containsEntry("asked", "").containsEntry("released", 1).containsEntry("inPage", false);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> run(Map<String, Boolean> given) {
		Map<String, Boolean> arguments = new java.util.HashMap<>(Map.of("drop", false, "connect", false, "picture", false,
				"takeOver", false));
		arguments.putAll(given);
		try (BrowserContext context = browsers.laptop(baseUrl()); Page page = context.newPage()) {
			page.navigate("/signin");
			return (Map<String, Object>) page.evaluate(CASE.formatted(BrowserSupport.importModule("webrtc.js")), arguments);
		}
	}
}
