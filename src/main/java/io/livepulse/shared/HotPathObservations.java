package io.livepulse.shared;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

import io.micrometer.observation.ObservationPredicate;

/**
 * Per-request observations cost more than the hot endpoints themselves (measured: the engagement
 * GET doubles its throughput without them, see BENCHMARKS.md). Heartbeats, likes, engagement reads
 * and event streams are therefore not observed one by one; the modules count them with
 * pre-registered counters instead ({@code livepulse.likes}, {@code livepulse.heartbeats}, ...).
 * Every other request keeps its {@code http.server.requests} metrics.
 */
@Configuration(proxyBeanMethods = false)
class HotPathObservations {

	@Bean
	ObservationPredicate skipHotPathRequests() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext request
				&& HotRoute.isHot(request.getCarrier().getRequestURI()));
	}
}
