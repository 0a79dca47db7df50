package dev.gatehouse.gateway.certificate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Partner client certificates under {@code gatehouse.gateway.client-certificates}. Which
 * CAs are trusted is the TLS listener's SSL bundle's trust store
 * ({@code spring.ssl.bundle.jks.gateway.truststore}); this maps the subjects of accepted
 * certificates to partners and names the revocation list.
 */
@Validated
@ConfigurationProperties("gatehouse.gateway.client-certificates")
public class ClientCertificateProperties {

	/**
	 * The partner CA's CRL (PEM or DER). Reloaded when the file changes; a certificate it
	 * lists is refused, and while it is past its next update every certificate is refused
	 * (fail closed). Unset: no revocation check.
	 */
	private Path crl;

	/** How often the CRL file is checked for changes. */
	@NotNull
	private Duration crlRefresh = Duration.ofSeconds(10);

	@Valid
	private List<Partner> partners = new ArrayList<>();

	@AssertTrue(
			message = "gatehouse.gateway.client-certificates.partners: every subject must be a distinguished name such as 'CN=acme, O=Acme Corp', and appear once")
	public boolean isSubjectsValid() {
		Set<String> seen = new HashSet<>();
		return this.partners.stream().allMatch((partner) -> {
			try {
				return partner.subject() != null
						&& seen.add(new X500Principal(partner.subject()).getName(X500Principal.CANONICAL));
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		});
	}

	/**
	 * One partner system's certificate.
	 *
	 * @param subject the certificate's subject distinguished name (compared in canonical
	 * form)
	 * @param partner the partner it identifies; sent to the backend as
	 * {@code X-Gatehouse-Partner}
	 * @param routes path patterns it may call, e.g. {@code /partner/mtls/policies/**}
	 * @param plan the partner's plan, for limits and quotas (as for API keys)
	 */
	public record Partner(@NotBlank String subject, @NotBlank String partner, @NotEmpty List<String> routes,
			@NotBlank String plan) {
	}

	public Path getCrl() {
		return this.crl;
	}

	public void setCrl(Path crl) {
		this.crl = crl;
	}

	public Duration getCrlRefresh() {
		return this.crlRefresh;
	}

	public void setCrlRefresh(Duration crlRefresh) {
		this.crlRefresh = crlRefresh;
	}

	public List<Partner> getPartners() {
		return this.partners;
	}

	public void setPartners(List<Partner> partners) {
		this.partners = partners;
	}

}
