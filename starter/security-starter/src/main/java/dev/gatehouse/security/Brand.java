package dev.gatehouse.security;

import java.util.Locale;

/**
 * The strings clients see that name the platform: the problem type prefix, the prefix of
 * the headers only the gateway sets, and the prefix of the API keys it issues. Set by
 * {@code gatehouse.brand.*} ({@link GatehouseBrandProperties}), so that a company
 * adopting the template shows its own name without touching code.
 * <p>
 * Held here, once per process, rather than only as a bean: the problem catalogues are
 * enums and their bodies are made where no bean is at hand (entry points, filters,
 * Tomcat's error valve), and one process serves one brand. The starter installs the
 * configured brand when the application context starts and puts the default back when it
 * closes.
 *
 * @param problemTypePrefix what every problem type starts with, e.g.
 * {@code urn:gatehouse:problem:}
 * @param headerPrefix what every header only the gateway sets starts with, e.g.
 * {@code X-Gatehouse-}
 * @param apiKeyPrefix what every API key the gateway issues starts with, e.g.
 * {@code ghk_}
 */
public record Brand(String problemTypePrefix, String headerPrefix, String apiKeyPrefix) {

	/** The brand the code is written with: catalogues name their types under it. */
	public static final Brand DEFAULT = new Brand(Problems.PREFIX, "X-Gatehouse-", "ghk_");

	private static volatile Brand current = DEFAULT;

	/** The brand of this process. */
	public static Brand current() {
		return current;
	}

	static void install(Brand brand) {
		current = brand;
	}

	/**
	 * A catalogue's type (written under {@link Problems#PREFIX}) as clients see it, under
	 * this brand's prefix.
	 */
	public String problemType(String type) {
		return type.startsWith(Problems.PREFIX) ? this.problemTypePrefix + type.substring(Problems.PREFIX.length())
				: type;
	}

	/** The header of this brand with the given name, e.g. {@code X-Gatehouse-Partner}. */
	public String header(String name) {
		return this.headerPrefix + name;
	}

	/** Whether a header is one only the gateway may set (any case). */
	public boolean isGatewayHeader(String name) {
		return name.toLowerCase(Locale.ROOT).startsWith(this.headerPrefix.toLowerCase(Locale.ROOT));
	}

}
