package io.livepulse.edge;

import java.util.regex.Pattern;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The web port runs {@link PerAddressHttp11NioProtocol}: at most
 * {@code livepulse.http.max-connections-per-address} connections per client address, proxies in
 * {@code server.tomcat.remoteip.internal-proxies} exempt, and a connection's first request head due
 * within {@code livepulse.http.first-request-head-deadline} ({@code ...-when-busy} while more than half
 * of the connections are taken).
 */
@Configuration(proxyBeanMethods = false)
class WebConnectionLimits {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> connectionsPerAddress(
			RequestBodyLimit.HttpProperties properties, Environment environment) {
		String proxies = environment.getProperty("server.tomcat.remoteip.internal-proxies", "");
		return factory -> {
			HeadSeenValve headSeen = new HeadSeenValve();
			factory.setProtocol(PerAddressHttp11NioProtocol.class.getName());
			factory.addEngineValves(headSeen);
			factory.addConnectorCustomizers(connector -> {
				if (connector.getProtocolHandler() instanceof PerAddressHttp11NioProtocol protocol) {
					protocol.setMaxConnectionsPerAddress(properties.maxConnectionsPerAddress());
					protocol.setExemptAddresses(proxies.isBlank() ? null : Pattern.compile(proxies));
					protocol.setFirstHeadDeadline(properties.firstRequestHeadDeadline());
					protocol.setFirstHeadDeadlineWhenBusy(properties.firstRequestHeadDeadlineWhenBusy());
					headSeen.reportTo(protocol);
				}
			});
		};
	}
}
