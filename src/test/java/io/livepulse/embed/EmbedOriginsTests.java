package io.livepulse.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.livepulse.shared.ApiProblem;

class EmbedOriginsTests {

	@Test
	void anOriginIsWrittenAsBrowsersWriteItSchemeHostAndOnlyAPortThatIsNotTheDefault() {
		assertThat(EmbedOrigins.normalized(" HTTPS://Shop.Example.com:443/ ")).isEqualTo("https://shop.example.com");
		assertThat(EmbedOrigins.normalized("https://shop.example.com:8443")).isEqualTo("https://shop.example.com:8443");
		assertThat(EmbedOrigins.normalized("http://127.0.0.1:9090")).isEqualTo("http://127.0.0.1:9090");
		assertThat(EmbedOrigins.normalized("http://localhost")).isEqualTo("http://localhost");
	}

	@Test
	void onlyHttpsOriginsWithoutPathQueryOrUserInfoAndHttpOnlyOnThisMachineAreAllowed() {
		for (String refused : List.of("http://shop.example.com", "https://shop.example.com/live", "https://shop.example.com?x=1",
				"https://user@shop.example.com", "ftp://shop.example.com", "shop.example.com", "https://", "https://exa mple.com",
				"https://*.example.com", "javascript:alert(1)")) {
			assertThatThrownBy(() -> EmbedOrigins.normalized(refused)).as(refused).isInstanceOf(ApiProblem.class);
		}
	}
}
