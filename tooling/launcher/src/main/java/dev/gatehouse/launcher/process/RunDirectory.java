package dev.gatehouse.launcher.process;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The state folder of one platform: {@code logs/<name>.log} for each component's output;
 * in {@code run/} a {@code <name>.pid} file plus a {@code <name>.properties} file with
 * its URLs; in {@code jars/} the copies of the service jars that run.
 */
public final class RunDirectory {

	private final Path root;

	public RunDirectory(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	public Path root() {
		return root;
	}

	public Path logsDir() {
		return root.resolve("logs");
	}

	public Path runDir() {
		return root.resolve("run");
	}

	public Path jarsDir() {
		return root.resolve("jars");
	}

	public Path logFile(String name) {
		return logsDir().resolve(name + ".log");
	}

	public void write(RunRecord record) {
		Properties props = new Properties();
		props.setProperty("pid", Long.toString(record.pid()));
		if (record.startedAt() != null) {
			props.setProperty("startedAt", record.startedAt().toString());
		}
		props.setProperty("url", record.url());
		props.setProperty("healthUrl", record.healthUrl());
		props.setProperty("logFile", record.logFile().toString());
		try {
			Files.createDirectories(runDir());
			Files.writeString(runDir().resolve(record.name() + ".pid"), record.pid() + System.lineSeparator());
			try (Writer writer = Files.newBufferedWriter(runDir().resolve(record.name() + ".properties"),
					StandardCharsets.UTF_8)) {
				props.store(writer, "written by the Gatehouse launcher; removed by ./gatehouse down");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not write the run record of " + record.name(), ex);
		}
	}

	/** Every recorded component, oldest first. */
	public List<RunRecord> records() {
		if (!Files.isDirectory(runDir())) {
			return List.of();
		}
		List<RunRecord> records = new ArrayList<>();
		try (Stream<Path> files = Files.list(runDir())) {
			for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".properties"))::iterator) {
				read(file).ifPresent(records::add);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not read " + runDir(), ex);
		}
		records.sort(Comparator.comparing(RunRecord::startedAt, Comparator.nullsFirst(Comparator.naturalOrder())));
		return records;
	}

	public Optional<RunRecord> record(String name) {
		return read(runDir().resolve(name + ".properties"));
	}

	public void remove(String name) {
		try {
			Files.deleteIfExists(runDir().resolve(name + ".pid"));
			Files.deleteIfExists(runDir().resolve(name + ".properties"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not remove the run record of " + name, ex);
		}
	}

	private static Optional<RunRecord> read(Path file) {
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		Properties props = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			props.load(reader);
			String fileName = file.getFileName().toString();
			String startedAt = props.getProperty("startedAt");
			return Optional.of(new RunRecord(fileName.substring(0, fileName.length() - ".properties".length()),
					Long.parseLong(props.getProperty("pid")), startedAt == null ? null : Instant.parse(startedAt),
					props.getProperty("url", ""), props.getProperty("healthUrl", ""),
					Path.of(props.getProperty("logFile", ""))));
		}
		catch (IOException | RuntimeException ex) {
			// A half-written or hand-edited record describes nothing that can be stopped
			// safely.
			return Optional.empty();
		}
	}

}
