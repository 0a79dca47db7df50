package dev.gatehouse.realmapply;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The portal served at more origins than the realm file names (the contract's listeners):
 * behind an Ingress, {@code https://api.example.com}. Each origin adds its exact sign-in
 * callback and post-logout address to the client {@code gatehouse-portal}, never a
 * wildcard, so Keycloak sends the browser back only there.
 */
final class PortalOrigins {

	static final String CLIENT = "gatehouse-portal";

	static final String CALLBACK = "/login/oauth2/code/gatehouse";

	static final String AFTER_LOGOUT = "/portal/";

	private static final String POST_LOGOUT = "post.logout.redirect.uris";

	private PortalOrigins() {
	}

	/** Adds the origins' addresses to the portal client of {@code realm}, in place. */
	static ObjectNode add(ObjectNode realm, List<URI> origins) {
		if (origins.isEmpty()) {
			return realm;
		}
		for (JsonNode client : realm.path("clients")) {
			if (client.path("clientId").asString().equals(CLIENT) && client instanceof ObjectNode portal) {
				ArrayNode redirects = (portal.get("redirectUris") instanceof ArrayNode existing) ? existing
						: portal.putArray("redirectUris");
				ObjectNode attributes = (portal.get("attributes") instanceof ObjectNode existing) ? existing
						: portal.putObject("attributes");
				Set<String> afterLogout = new LinkedHashSet<>();
				String current = attributes.path(POST_LOGOUT).asString("");
				if (!current.isBlank()) {
					afterLogout.addAll(List.of(current.split("##")));
				}
				Set<String> callbacks = new LinkedHashSet<>();
				redirects.forEach((uri) -> callbacks.add(uri.asString()));
				for (URI origin : origins) {
					String base = origin(origin);
					if (callbacks.add(base + CALLBACK)) {
						redirects.add(base + CALLBACK);
					}
					afterLogout.add(base + AFTER_LOGOUT);
				}
				attributes.put(POST_LOGOUT, String.join("##", new ArrayList<>(afterLogout)));
			}
		}
		return realm;
	}

	/**
	 * {@code scheme://host[:port]}: an origin has no path, query or wildcard.
	 * @throws IllegalArgumentException for anything else
	 */
	static String origin(URI uri) {
		String text = uri.toString();
		if (uri.getScheme() == null || uri.getHost() == null
				|| !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
				|| (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
				|| uri.getRawQuery() != null || uri.getRawFragment() != null || text.contains("*")) {
			throw new IllegalArgumentException("gatehouse.realm-apply.portal-origins: '" + text
					+ "' is not an origin (scheme://host[:port], e.g. https://api.example.com)");
		}
		return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
	}

}
