package dev.gatehouse.launcher.cli;

import java.io.PrintStream;

import dev.gatehouse.launcher.PlatformConfig;
import dev.gatehouse.launcher.demo.DemoCredentials;
import dev.gatehouse.launcher.keycloak.KeycloakServer;
import dev.gatehouse.launcher.process.RunRecord;
import dev.gatehouse.launcher.token.Tokens;

/**
 * {@code token <user|client>}: prints an access token, and nothing else, on standard
 * output.
 */
final class TokenCommand {

	private final PlatformConfig config;

	private final PrintStream out;

	TokenCommand(PlatformConfig config, PrintStream out) {
		this.config = config;
		this.out = out;
	}

	int run(String name) {
		String keycloakUrl = config.runDirectory()
			.record(KeycloakServer.NAME)
			.map(RunRecord::url)
			.orElse(config.keycloakUrl());
		out.println(new Tokens(keycloakUrl + "/realms/" + DemoCredentials.REALM).forName(name));
		return 0;
	}

}
