package dev.gatehouse.launcher.token;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a script needs from Keycloak's login page: where the form posts to, and an
 * error shown on it.
 */
final class LoginForm {

	private static final Pattern FORM_TAG = Pattern.compile("<form\\b[^>]*>", Pattern.CASE_INSENSITIVE);

	private static final Pattern LOGIN_FORM_ID = Pattern.compile("\\bid\\s*=\\s*[\"']kc-form-login[\"']",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern ACTION = Pattern.compile("\\baction\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')",
			Pattern.CASE_INSENSITIVE);

	/**
	 * Keycloak's themes mark every message shown to the user with the class
	 * kc-feedback-text.
	 */
	private static final Pattern FEEDBACK = Pattern.compile(
			"<[^>]*\\bclass\\s*=\\s*[\"'][^\"']*\\bkc-feedback-text\\b[^\"']*[\"'][^>]*>\\s*([^<]+?)\\s*<",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x?)([0-9a-fA-F]+);");

	private LoginForm() {
	}

	/**
	 * The action of the login form ({@code id="kc-form-login"}, else the first form),
	 * unescaped and resolved against the page's address.
	 */
	static Optional<URI> action(String html, URI pageUri) {
		Matcher forms = FORM_TAG.matcher(html);
		String chosen = null;
		while (forms.find()) {
			String tag = forms.group();
			if (LOGIN_FORM_ID.matcher(tag).find()) {
				chosen = tag;
				break;
			}
			if (chosen == null) {
				chosen = tag;
			}
		}
		if (chosen == null) {
			return Optional.empty();
		}
		Matcher action = ACTION.matcher(chosen);
		if (!action.find()) {
			return Optional.empty();
		}
		String value = action.group(1) != null ? action.group(1) : action.group(2);
		return Optional.of(pageUri.resolve(unescape(value)));
	}

	/**
	 * The message Keycloak shows under the fields after a failed attempt, such as
	 * "Invalid username or password."
	 */
	static Optional<String> error(String html) {
		Matcher matcher = FEEDBACK.matcher(html);
		return matcher.find() ? Optional.of(unescape(matcher.group(1).trim())) : Optional.empty();
	}

	static String unescape(String text) {
		Matcher numeric = NUMERIC_ENTITY.matcher(text);
		StringBuilder decoded = new StringBuilder();
		while (numeric.find()) {
			int codePoint = Integer.parseInt(numeric.group(2), numeric.group(1).isEmpty() ? 10 : 16);
			numeric.appendReplacement(decoded, Matcher.quoteReplacement(new String(Character.toChars(codePoint))));
		}
		numeric.appendTail(decoded);
		return decoded.toString()
			.replace("&quot;", "\"")
			.replace("&apos;", "'")
			.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&amp;", "&");
	}

}
