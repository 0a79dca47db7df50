package dev.gatehouse.gateway.apikey;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One audit event per change of a key, on the {@code gatehouse.audit} logger beside the
 * access denials: who, which partner, what, which key ids. Never the key, nor its hash.
 */
class KeyAudit {

	private static final Logger log = LoggerFactory.getLogger("gatehouse.audit");

	void seeded(ApiKey key) {
		log.atInfo()
			.addKeyValue("event", "api_key_seeded")
			.addKeyValue("principal", "configuration")
			.addKeyValue("partner", key.partner())
			.addKeyValue("key_id", key.id())
			.log("API key {} of partner {} added to the key store from the configuration", key.id(), key.partner());
	}

	void rotated(String principal, ApiKey created, List<String> replaced, Instant retiresAt) {
		log.atInfo()
			.addKeyValue("event", "api_key_rotated")
			.addKeyValue("principal", principal)
			.addKeyValue("partner", created.partner())
			.addKeyValue("key_id", created.id())
			.addKeyValue("replaced", String.join(",", replaced))
			.addKeyValue("retires_at", retiresAt)
			.log("API key {} of partner {} created by {}; {} retire(s) at {}", created.id(), created.partner(),
					principal, replaced, retiresAt);
	}

	void revoked(String principal, ApiKey key) {
		log.atInfo()
			.addKeyValue("event", "api_key_revoked")
			.addKeyValue("principal", principal)
			.addKeyValue("partner", key.partner())
			.addKeyValue("key_id", key.id())
			.log("API key {} of partner {} revoked by {}", key.id(), key.partner(), principal);
	}

	void storeLost(int configured) {
		log.atWarn()
			.addKeyValue("event", "api_key_store_lost")
			.addKeyValue("principal", "configuration")
			.addKeyValue("configured_keys", configured)
			.log("The API key store came back empty; the {} configured key(s) are stored again and changes made"
					+ " through the key API are lost", configured);
	}

}
