package io.livepulse.media;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.xml.parsers.DocumentBuilderFactory;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads nginx-rtmp's {@code rtmp_stat} page every few seconds while an encoder is connected: each
 * stream's incoming bitrate and its video's resolution and frame rate, by stream name (the playback
 * id in the HLS application). Each node reads it for itself; the figures are not stored.
 */
@Component
class IngestStatistics implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(IngestStatistics.class);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
	private final MediaRepository repository;
	private final MediaProperties properties;
	private final Clock clock;
	private volatile Map<String, IngestHealth> latest = Map.of();
	private volatile boolean warned;

	IngestStatistics(MediaRepository repository, MediaProperties properties, Clock clock) {
		this.repository = repository;
		this.properties = properties;
		this.clock = clock;
	}

	Optional<IngestHealth> of(String playbackId) {
		return Optional.ofNullable(latest.get(playbackId));
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::poll, properties.nginxRtmp().statInterval());
	}

	void poll() {
		String statUrl = properties.nginxRtmp().statUrl();
		if (statUrl == null || statUrl.isBlank()
				|| repository.connectedSessions().stream().noneMatch(session -> session.server() == MediaServer.NGINX_RTMP)) {
			latest = Map.of();
			return;
		}
		try {
			HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(statUrl))
				.timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("HTTP " + response.statusCode());
			}
			latest = parse(response.body(), clock.instant());
			warned = false;
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
		catch (Exception unreadable) {
			latest = Map.of();
			if (!warned) {
				warned = true;
				log.warn("Could not read nginx-rtmp statistics at {}: {}", statUrl, unreadable.toString());
			}
		}
	}

	/** Streams by name: bitrate in kbit/s from {@code bw_in}, and the video's metadata. */
	static Map<String, IngestHealth> parse(byte[] xml, Instant measuredAt) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		factory.setExpandEntityReferences(false);
		Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
		Map<String, IngestHealth> health = new HashMap<>();
		NodeList streams = document.getElementsByTagName("stream");
		for (int i = 0; i < streams.getLength(); i++) {
			Element stream = (Element) streams.item(i);
			String name = child(stream, "name");
			if (name == null) {
				continue;
			}
			Element video = firstElement(stream, "video");
			long bitsPerSecond = number(child(stream, "bw_in"));
			health.merge(name, new IngestHealth(bitsPerSecond > 0 ? bitsPerSecond / 1000 : null,
					video == null ? 0 : decimal(child(video, "frame_rate")),
					video == null ? 0 : (int) number(child(video, "width")),
					video == null ? 0 : (int) number(child(video, "height")), measuredAt),
					(first, second) -> second.bitrateKbps() == null ? first : second);
		}
		return Map.copyOf(health);
	}

	private static Element firstElement(Element parent, String tag) {
		NodeList found = parent.getElementsByTagName(tag);
		return found.getLength() == 0 ? null : (Element) found.item(0);
	}

	private static @Nullable String child(Element parent, String tag) {
		for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && element.getTagName().equals(tag)) {
				return element.getTextContent().strip();
			}
		}
		return null;
	}

	private static long number(String text) {
		try {
			return text == null ? 0 : Long.parseLong(text);
		}
		catch (NumberFormatException notANumber) {
			return 0;
		}
	}

	private static double decimal(String text) {
		try {
			return text == null ? 0 : Double.parseDouble(text);
		}
		catch (NumberFormatException notANumber) {
			return 0;
		}
	}
}
