package io.livepulse.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * Figures sampled every 200 ms (analytics timeline, product impressions) and a pinned product repeated
 * every 2 s, so tests see them without waiting seconds. One set for every class that needs any of them,
 * so those classes share one context (per database kind) instead of one each; kept out of the main
 * shared context, where sampling every live stream of every test five times a second would cost.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@TestPropertySource(properties = { "livepulse.analytics.sample-interval=200ms", "livepulse.shopping.pin-repeat=2s",
		"livepulse.shopping.impression-interval=200ms" })
public @interface FastFigures {
}
