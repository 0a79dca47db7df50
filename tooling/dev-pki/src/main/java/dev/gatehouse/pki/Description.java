package dev.gatehouse.pki;

import java.util.List;

/**
 * What the platform's description (gatehouse.yaml) says of the certificates the dev PKI
 * issues for it: the subject of the gateway's client certificate, and each service's
 * subject and usage.
 */
record Description(String gatewayClientSubject, List<ServiceCertificate> services) {

	/**
	 * As ./gatehouse generate wrote it beside {@link ServiceCertificate} from
	 * gatehouse.yaml.
	 */
	static Description generated() {
		return new Description(ServiceCertificate.gatewayClientSubject(), ServiceCertificate.all());
	}

}
