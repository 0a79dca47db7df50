package dev.gatehouse.launcher.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file, read from its end so that large logs cost nothing. */
public final class LogTail {

	private static final int MAX_BYTES = 64 * 1024;

	private LogTail() {
	}

	public static List<String> lastLines(Path file, int count) {
		if (!Files.isRegularFile(file)) {
			return List.of();
		}
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
			long length = raf.length();
			int size = (int) Math.min(length, MAX_BYTES);
			byte[] bytes = new byte[size];
			raf.seek(length - size);
			raf.readFully(bytes);
			List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
			return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
		}
		catch (IOException ex) {
			return List.of();
		}
	}

}
