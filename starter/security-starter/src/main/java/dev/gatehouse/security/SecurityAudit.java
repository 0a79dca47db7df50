package dev.gatehouse.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One audit event per denied request: who, which route, why. Written to the
 * {@code gatehouse.audit} logger as key-value pairs so structured logging turns them into
 * fields. Never given a token, key or password, only their outcome.
 */
public class SecurityAudit {

	private static final Logger log = LoggerFactory.getLogger("gatehouse.audit");

	public void denied(int status, String reason, String principal, String method, String path, String client) {
		log.atWarn()
			.addKeyValue("event", "access_denied")
			.addKeyValue("status", status)
			.addKeyValue("reason", reason)
			.addKeyValue("principal", (principal != null) ? principal : "anonymous")
			.addKeyValue("method", method)
			.addKeyValue("path", path)
			.addKeyValue("client", client)
			.log("access denied: {} {} -> {} {} for {}", method, path, status, reason,
					(principal != null) ? principal : "anonymous");
	}

	/** The short reason of a problem type, e.g. {@code expired-token}. */
	public static String reason(String problemType) {
		String prefix = Brand.current().problemTypePrefix();
		if (problemType.startsWith(prefix)) {
			return problemType.substring(prefix.length());
		}
		return problemType.startsWith(Problems.PREFIX) ? problemType.substring(Problems.PREFIX.length()) : problemType;
	}

}
