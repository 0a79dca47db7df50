package dev.gatehouse.security.internal;

import java.text.ParseException;
import java.util.Base64;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;

/**
 * A part of a token, Base64url-decoded by the JDK's decoder. Nimbus decodes every
 * Base64url value in constant time, which protects secret keys but costs, per token, far
 * more than the JDK's decoder: on the gateway, decoding the token's payload and signature
 * was a tenth of the CPU per request (docs/performance.md). Nothing in a token is secret
 * from the one who presents it, so its parts need no constant-time decoding. A value the
 * JDK does not take (another alphabet, stray characters) is decoded by Nimbus, as before;
 * where both take it they give the same bytes ({@code JdkBase64URLTests}).
 */
final class JdkBase64URL extends Base64URL {

	private static final long serialVersionUID = 1L;

	private JdkBase64URL(String base64URL) {
		super(base64URL);
	}

	static JdkBase64URL of(String base64URL) {
		return new JdkBase64URL(base64URL);
	}

	@Override
	public byte[] decode() {
		try {
			return Base64.getUrlDecoder().decode(toString());
		}
		catch (IllegalArgumentException ex) {
			return super.decode();
		}
	}

	/**
	 * The same token, its parts decoded by the JDK: the header is parsed again, the
	 * payload and signature are decoded when the processor reads them. The signing input
	 * is the parts' text, unchanged. A token made otherwise than by parsing, or with an
	 * unencoded payload (RFC 7797), is returned as it is.
	 */
	static SignedJWT parts(SignedJWT token) throws ParseException {
		Base64URL[] parts = token.getParsedParts();
		if (parts == null || parts.length != 3 || !token.getHeader().isBase64URLEncodePayload()) {
			return token;
		}
		return new SignedJWT(of(parts[0].toString()), of(parts[1].toString()), of(parts[2].toString()));
	}

}
