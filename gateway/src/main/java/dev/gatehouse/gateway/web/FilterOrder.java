package dev.gatehouse.gateway.web;

import org.springframework.core.Ordered;

/**
 * Order of the gateway's web filters, all ahead of Spring Security's chain (-100) so that
 * malformed, oversized or blocked requests are refused before any credential is looked
 * at.
 */
public final class FilterOrder {

	/** Outermost: sees every response, including errors, for the access log. */
	public static final int ACCESS_LOG = Ordered.HIGHEST_PRECEDENCE;

	public static final int SECURE_HEADERS = ACCESS_LOG + 1;

	public static final int CLIENT_ADDRESS = ACCESS_LOG + 2;

	public static final int HYGIENE = ACCESS_LOG + 3;

	public static final int IP_ACCESS = ACCESS_LOG + 4;

	public static final int CORS = ACCESS_LOG + 5;

	/** After the address is known and before any credential is checked. */
	public static final int FAILED_AUTHENTICATION = ACCESS_LOG + 6;

	private FilterOrder() {
	}

}
