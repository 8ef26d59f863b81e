package io.livepulse.shared;

/** CSV cells of text a client or seller wrote: always quoted, on one line, never read by a spreadsheet as a formula. */
public final class CsvCells {

	private CsvCells() {
	}

	public static String text(String value) {
		String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
		return '"' + safe.replace("\"", "\"\"").replaceAll("[\\r\\n]", " ") + '"';
	}
}
