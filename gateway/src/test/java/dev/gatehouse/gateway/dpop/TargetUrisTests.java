package dev.gatehouse.gateway.dpop;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9449's htu comparison: RFC 3986 syntax- and scheme-based normalization, query and
 * fragment ignored.
 */
class TargetUrisTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			value = { "https://api.example.com/api/policies|https://api.example.com/api/policies",
					"HTTPS://API.Example.COM/api/policies|https://api.example.com/api/policies",
					"https://api.example.com:443/api/policies|https://api.example.com/api/policies",
					"http://api.example.com:80/api/policies|http://api.example.com/api/policies",
					"https://api.example.com:8443/api/policies|https://api.example.com:8443/api/policies",
					"https://api.example.com/api/policies?page=1#top|https://api.example.com/api/policies",
					"https://api.example.com|https://api.example.com/",
					"https://api.example.com/api/./policies/../policies|https://api.example.com/api/policies",
					"https://api.example.com/api/%70olicies|https://api.example.com/api/policies",
					"https://api.example.com/api/a%2fb|https://api.example.com/api/a%2Fb",
					"http://[::1]:8080/api/policies|http://[::1]:8080/api/policies" })
	void equivalentSpellingsNormalizeAlike(String htu, String normalized) {
		assertThat(TargetUris.normalize(htu)).isEqualTo(normalized);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/policies", "ftp://api.example.com/api", "https:///api", "not a uri", "" })
	void whatIsNoAbsoluteHttpUriHasNoNormalForm(String htu) {
		assertThat(TargetUris.normalize(htu)).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "https://api.example.com:443, /api/policies, https://api.example.com/api/policies",
			"http://127.0.0.1:8080, /api/../api/customers, http://127.0.0.1:8080/api/customers",
			"https://api.example.com, '', https://api.example.com/" })
	void theRequestsTargetIsItsOriginAndPath(String origin, String path, String target) {
		assertThat(TargetUris.of(origin, path)).isEqualTo(target);
	}

}
