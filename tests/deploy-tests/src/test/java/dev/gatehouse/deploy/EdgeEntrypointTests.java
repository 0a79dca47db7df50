package dev.gatehouse.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatehouse.test.edge.Commands;
import dev.gatehouse.test.edge.Edge;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/edge/entrypoint.sh, the compose container's entry point, renders the shared
 * templates with envsubst into a configuration that nginx accepts ({@code nginx -t} with
 * Debian's ModSecurity and Core Rule Set, found by the script itself). The final
 * {@code exec nginx} is answered by a stand-in, so the script ends instead of serving.
 */
class EdgeEntrypointTests {

	@Test
	void rendersAConfigurationNginxAccepts(@TempDir Path dir) throws Exception {
		Path nginx = Commands.requireInstalled("nginx");
		Commands.requireInstalled("envsubst");
		Commands
			.run(Duration.ofSeconds(60), dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
					"-subj", "/CN=localhost", "-keyout", "edge.key", "-out", "edge.crt")
			.requireSuccess("openssl req");
		Path bin = Files.createDirectories(dir.resolve("bin"));
		Path stand = bin.resolve("nginx");
		Files.writeString(stand, "#!/bin/sh\n" + "for a in \"$@\"; do case \"$a\" in -t|-V) exec " + nginx
				+ " \"$@\";; esac; done\n" + "echo \"would serve: nginx $*\"\n");
		Files.setPosixFilePermissions(stand, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path run = dir.resolve("run");
		Commands.Result result = Commands.run(Duration.ofSeconds(60), dir, "env",
				"PATH=" + bin + ":" + System.getenv("PATH"), "EDGE_CONF_DIR=" + Commands.ROOT.resolve("deploy/edge"),
				"EDGE_RUN_DIR=" + run, "EDGE_MODSEC_MODULE=" + Edge.DEBIAN_MODSECURITY_MODULE,
				"EDGE_HTTP_LISTEN=127.0.0.1:8080", "EDGE_TLS_LISTEN=127.0.0.1:8443",
				"EDGE_PARTNER_TLS_LISTEN=127.0.0.1:8444", "EDGE_PUBLIC_TLS_PORT=8443", "EDGE_UPSTREAM=127.0.0.1:9443",
				"EDGE_UPSTREAM_CA=" + dir.resolve("edge.crt"), "EDGE_CERT=" + dir.resolve("edge.crt"),
				"EDGE_KEY=" + dir.resolve("edge.key"), "EDGE_RATE=20r/s", "EDGE_BURST=40",
				"EDGE_ACCESS_LOG=/dev/stdout", "EDGE_ERROR_LOG=/dev/stderr",
				"EDGE_AUDIT_LOG=" + dir.resolve("audit.log"), "sh",
				Commands.ROOT.resolve("deploy/edge/entrypoint.sh").toString());
		result.requireSuccess("deploy/edge/entrypoint.sh");
		assertThat(result.output()).contains("test is successful").contains("would serve: nginx -e stderr -c " + run);
		assertThat(Files.readString(run.resolve("nginx.conf"))).doesNotContainPattern("\\$\\{EDGE_[A-Z_]+}")
			.contains("limit_req_zone $binary_remote_addr zone=edge_per_client:10m rate=20r/s;")
			.contains("proxy_set_header X-Forwarded-For $remote_addr;")
			.contains("listen 127.0.0.1:8444;");
		// Debian's nginx has the stream module as a dynamic module, so the entry point
		// loads it.
		assertThat(Files.readAllLines(run.resolve("modules.conf"))).containsExactly(
				"load_module " + Edge.DEBIAN_MODSECURITY_MODULE + ";",
				"load_module " + Edge.DEBIAN_MODSECURITY_MODULE.resolveSibling("ngx_stream_module.so") + ";");
		assertThat(Files.readString(run.resolve("modsecurity-main.conf")))
			.contains("Include " + Edge.DEBIAN_CRS_RULES + "/*.conf");
	}

}
