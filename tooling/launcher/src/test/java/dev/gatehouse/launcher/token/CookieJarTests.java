package dev.gatehouse.launcher.token;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CookieJarTests {

	@Test
	void keepsSecureCookiesThatJavasCookieManagerWouldDropOnPlainHttp() {
		CookieJar jar = new CookieJar();

		jar.collect(HttpHeaders.of(Map.of("Set-Cookie", List.of(
				"AUTH_SESSION_ID=abc.def;Version=1;Path=/realms/gatehouse/;Secure;HttpOnly;SameSite=None",
				"KC_AUTH_SESSION_HASH=\"yFR1QZ/Lx+8=\";Version=1;Path=/realms/gatehouse/;Max-Age=60;Secure;SameSite=None",
				"KC_RESTART=eyJhbGciOi.x.y;Version=1;Path=/realms/gatehouse/;Secure;HttpOnly")),
				(name, value) -> true));

		assertThat(jar.header())
			.contains("AUTH_SESSION_ID=abc.def; KC_AUTH_SESSION_HASH=\"yFR1QZ/Lx+8=\"; KC_RESTART=eyJhbGciOi.x.y");
	}

	@Test
	void laterCookiesReplaceEarlierOnesAndMaxAgeZeroDeletes() {
		CookieJar jar = new CookieJar();
		jar.collect("A=1; Path=/");
		jar.collect("B=2; Path=/");

		jar.collect("A=3; Path=/");
		jar.collect("B=; Max-Age=0; Path=/");

		assertThat(jar.asMap()).containsExactly(Map.entry("A", "3"));
	}

	@Test
	void ignoresMalformedHeadersAndSendsNothingWhenEmpty() {
		CookieJar jar = new CookieJar();
		jar.collect("no-equals-sign");
		jar.collect("=value");

		assertThat(jar.header()).isEmpty();
	}

}
