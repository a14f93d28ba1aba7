package dev.wuerstchen.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An output stream that splits what it is given into lines and hands each line to the user's
 * writer (progress), a log file and an in-memory list (to find failure reasons afterwards).
 */
final class LineTee extends OutputStream {

    private final PrintWriter console;
    private final Writer log;
    private final List<String> lines = new ArrayList<>();
    private byte[] buffer = new byte[256];
    private int length;

    LineTee(PrintWriter console, Writer log) {
        this.console = console;
        this.log = log;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (b == '\n') {
            emit();
            return;
        }
        if (length == buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, 2 * length);
        }
        buffer[length++] = (byte) b;
    }

    private void emit() throws IOException {
        String line = new String(buffer, 0, length, StandardCharsets.UTF_8);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        length = 0;
        lines.add(line);
        console.println(line);
        console.flush();
        log.write(line);
        log.write('\n');
        log.flush();
    }

    @Override
    public synchronized void flush() throws IOException {
        console.flush();
        log.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (length > 0) {
            emit();
        }
        flush();
    }

    /** Every complete line so far. */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
