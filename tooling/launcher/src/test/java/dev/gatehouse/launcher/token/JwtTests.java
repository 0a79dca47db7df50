package dev.gatehouse.launcher.token;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtTests {

	@Test
	void readsThePayloadClaims() {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		String token = encoder.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "." + encoder
			.encodeToString(
					"{\"preferred_username\":\"alice\",\"aud\":[\"gatehouse-api\"]}".getBytes(StandardCharsets.UTF_8))
				+ ".c2ln";

		assertThat(Jwt.claims(token).path("preferred_username").asString()).isEqualTo("alice");
		assertThat(Jwt.claims(token).path("aud").get(0).asString()).isEqualTo("gatehouse-api");
	}

	@Test
	void rejectsWhatIsNotAJwt() {
		assertThatThrownBy(() -> Jwt.claims("opaque")).isInstanceOf(IllegalArgumentException.class);
	}

}
