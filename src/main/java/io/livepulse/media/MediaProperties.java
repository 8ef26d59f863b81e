package io.livepulse.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code livepulse.media.*}: how LivePulse meets the media server that takes the sellers' RTMP and
 * serves HLS (nginx-rtmp by default, see {@code media/nginx-rtmp.conf} and {@code bin/media}).
 *
 * @param enabled whether the media hooks answer at all
 * @param hookSecret the secret the media server puts in its hook URLs ({@code ?secret=}); required in prod
 * @param devSecretFile where the dev profile keeps a generated hook secret, shared with {@code bin/media}
 * @param allowedAddresses media-server addresses allowed to call the hooks; empty means any address
 * @param ingestUrl the RTMP URL sellers paste into OBS, without the key
 * @param hlsBaseUrl where the media server serves HLS; a stream plays from {@code <base>/<playbackId>/index.m3u8}
 * @param recordingsBaseUrl where the media server serves finished recordings
 * @param thumbnailsBaseUrl where the media server serves the latest frame of each live stream,
 *        {@code <base>/<playbackId>.jpg} ({@code media/thumbnail.sh}); blank shows no thumbnails
 * @param reconnectGrace how long a dropped encoder is shown as "reconnecting"
 * @param autoEndAfter how long a live stream may stay without video before it ends itself
 * @param videoLossCheckInterval how often streams without video are checked for their auto-end
 * @param encoderSilenceLimit a connected encoder not heard of (update hook) this long may be replaced by a new publish
 * @param lowBitrateKbps below this ingest bitrate the seller's console warns
 * @param nginxRtmp where nginx-rtmp's statistics and control endpoints are
 * @param webrtc sub-second playback through Janus ({@code media/janus/}, {@code media/webrtc-feed.sh})
 */
@ConfigurationProperties("livepulse.media")
record MediaProperties(@DefaultValue("true") boolean enabled, String hookSecret,
		@DefaultValue("data/media-hook-secret") Path devSecretFile, @DefaultValue List<String> allowedAddresses,
		@DefaultValue("rtmp://127.0.0.1:1935/ingest") String ingestUrl,
		@DefaultValue("http://127.0.0.1:8088/hls") String hlsBaseUrl,
		@DefaultValue("http://127.0.0.1:8088/recordings") String recordingsBaseUrl,
		@DefaultValue("http://127.0.0.1:8088/thumbs") String thumbnailsBaseUrl,
		@DefaultValue("60s") Duration reconnectGrace, @DefaultValue("10m") Duration autoEndAfter,
		@DefaultValue("5s") Duration videoLossCheckInterval, @DefaultValue("20s") Duration encoderSilenceLimit,
		@DefaultValue("500") int lowBitrateKbps, @DefaultValue NginxRtmp nginxRtmp, @DefaultValue WebRtc webrtc) {

	/** Base URLs are kept without a trailing slash, so paths are appended with one. */
	MediaProperties {
		hlsBaseUrl = withoutTrailingSlash(hlsBaseUrl);
		recordingsBaseUrl = withoutTrailingSlash(recordingsBaseUrl);
		thumbnailsBaseUrl = withoutTrailingSlash(thumbnailsBaseUrl);
	}

	static String withoutTrailingSlash(String url) {
		return url == null ? null : url.replaceAll("/+$", "");
	}

	/**
	 * @param statUrl nginx-rtmp's {@code rtmp_stat} page; blank turns stream health off
	 * @param controlUrl nginx-rtmp's {@code rtmp_control} base; blank means encoders are cut only by the update hook
	 * @param statInterval how often the statistics are read while an encoder is connected
	 * @param application the RTMP application sellers publish to
	 */
	record NginxRtmp(@DefaultValue("http://127.0.0.1:8088/stat") String statUrl,
			@DefaultValue("http://127.0.0.1:8088/control") String controlUrl, @DefaultValue("5s") Duration statInterval,
			@DefaultValue("ingest") String application) {

		NginxRtmp {
			controlUrl = withoutTrailingSlash(controlUrl);
		}
	}

	/**
	 * @param enabled whether live streams are fed to Janus and viewers offered WebRTC (a page falls back to
	 *        HLS by itself when WebRTC does not play within 3 s)
	 * @param janusUrl Janus's HTTP API as LivePulse reaches it, to create and remove mountpoints
	 * @param publicUrl Janus's HTTP API as viewers' browsers reach it; blank means {@code janusUrl}
	 * @param iceServers STUN and TURN URLs handed to the browsers (e.g. {@code turn:turn.example.com:3478})
	 * @param turnSecret coturn's {@code static-auth-secret}: each view carries TURN credentials made from it
	 *        (coturn's {@code use-auth-secret}); blank hands out none
	 * @param turnCredentialLifetime how long such credentials stay valid
	 */
	record WebRtc(@DefaultValue("true") boolean enabled,
			@DefaultValue("http://127.0.0.1:8188/janus") String janusUrl, String publicUrl,
			@DefaultValue List<String> iceServers, String turnSecret,
			@DefaultValue("12h") Duration turnCredentialLifetime) {

		WebRtc {
			janusUrl = withoutTrailingSlash(janusUrl);
			publicUrl = publicUrl == null || publicUrl.isBlank() ? janusUrl : withoutTrailingSlash(publicUrl);
		}
	}
}
