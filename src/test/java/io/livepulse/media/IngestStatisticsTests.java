package io.livepulse.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** nginx-rtmp's rtmp_stat XML, as nginx 1.22 with nginx-rtmp 1.2.2 writes it (trimmed). */
class IngestStatisticsTests {

	private static final String STAT = """
			<?xml version="1.0" encoding="utf-8" ?>
			<rtmp><server><application><name>ingest</name><live>
			 <stream><name>pb123</name><time>11750</time>
			  <bw_in>206928</bw_in><bytes_in>289990</bytes_in><bw_out>193000</bw_out>
			  <bw_audio>73072</bw_audio><bw_video>133848</bw_video>
			  <client><id>3</id><address>127.0.0.1:38223/hls</address><flashver>ngx-local-relay</flashver><active/></client>
			  <client><id>1</id><address>127.0.0.1</address><flashver>FMLE/3.0</flashver><publishing/><active/></client>
			  <meta><video><width>320</width><height>240</height><frame_rate>25</frame_rate><codec>H264</codec></video>
			   <audio><codec>AAC</codec><sample_rate>44100</sample_rate></audio></meta>
			  <nclients>2</nclients><publishing/><active/></stream>
			 <stream><name>fresh</name><time>2000</time><bw_in>0</bw_in>
			  <meta><video><width>1280</width><height>720</height><frame_rate>29.97</frame_rate></video></meta></stream>
			</live></application>
			<application><name>hls</name><live>
			 <stream><name>pb123</name><bw_in>0</bw_in></stream>
			</live></application></server></rtmp>
			""";

	@Test
	void readsBitrateResolutionAndFrameRatePerStreamNameAndLeavesAnUnmeasuredBitrateUnknown() throws Exception {
		Instant now = Instant.parse("2026-12-01T10:00:00Z");

		Map<String, IngestHealth> health = IngestStatistics.parse(STAT.getBytes(StandardCharsets.UTF_8), now);

		assertThat(health.get("pb123")).isEqualTo(new IngestHealth(206L, 25.0, 320, 240, now));
		assertThat(health.get("fresh")).isEqualTo(new IngestHealth(null, 29.97, 1280, 720, now));
	}

	@Test
	void refusesADocumentTypeSoNoEntityIsEverExpanded() {
		String hostile = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rtmp>&x;</rtmp>";

		assertThatThrownBy(() -> IngestStatistics.parse(hostile.getBytes(StandardCharsets.UTF_8), Instant.now()))
			.hasMessageContaining("DOCTYPE");
	}
}
