package io.livepulse.analytics;

import java.util.List;
import java.util.Locale;

import io.livepulse.shared.CsvCells;
import io.livepulse.shopping.ProductStats;

/**
 * The per-product table of the analytics CSV. Real figures only (a rehearsal's practice columns are
 * apart); titles are quoted, and one that a spreadsheet would read as a formula is prefixed with {@code '}.
 */
final class ProductCsv {

	static final String HEADER = "product_id,title,pinned_seconds,impressions,clicks,click_through_rate,orders,units,"
			+ "conversion_rate,revenue_minor,revenue_in_pin_minor,revenue_outside_pin_minor,currency,"
			+ "practice_clicks,practice_orders,practice_revenue_minor";

	private ProductCsv() {
	}

	static void append(StringBuilder csv, List<ProductStats.ProductFigures> products) {
		csv.append(HEADER).append("\r\n");
		for (ProductStats.ProductFigures product : products) {
			ProductStats.Practice practice = product.practice();
			csv.append(product.productId()).append(',').append(CsvCells.text(product.title())).append(',')
				.append(product.pinnedSeconds()).append(',').append(product.impressions()).append(',')
				.append(product.clicks()).append(',').append(rate(product.clickThroughRate())).append(',')
				.append(product.orders()).append(',').append(product.units()).append(',')
				.append(rate(product.conversionRate())).append(',').append(product.revenueMinor()).append(',')
				.append(product.revenueInPinMinor()).append(',').append(product.revenueOutsidePinMinor()).append(',')
				.append(product.currency() == null ? "" : product.currency()).append(',')
				.append(practice == null ? "" : practice.clicks()).append(',')
				.append(practice == null ? "" : practice.orders()).append(',')
				.append(practice == null ? "" : practice.revenueMinor()).append("\r\n");
		}
	}

	private static String rate(double value) {
		return String.format(Locale.ROOT, "%.4f", value);
	}
}
