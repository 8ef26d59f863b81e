package io.livepulse.shopping;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code livepulse.shopping.*}. The allow-list of shop domains is an admin setting
 * ({@code /api/admin/shop-domains}); these are the mechanics around it.
 *
 * @param maxShowcase most products in one stream's showcase
 * @param impressionInterval how often the viewers present under a pinned product are taken as its impressions
 * @param pinRepeat how often the current pin is sent again on the event stream, for a subscriber that
 *        missed it (a slow socket keeps only the latest event) or joined after it
 */
@ConfigurationProperties("livepulse.shopping")
public record ShoppingProperties(@DefaultValue("50") int maxShowcase,
		@DefaultValue("1s") Duration impressionInterval, @DefaultValue("5s") Duration pinRepeat) {
}
