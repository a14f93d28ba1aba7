package dev.wuerstchen.bench;

import dev.wuerstchen.api.checkpoint.Checkpoint;
import dev.wuerstchen.api.checkpoint.TensorInfo;
import dev.wuerstchen.api.tensor.HostTensor;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** A checkpoint that prints a line each time another tenth of its bytes has been read. */
final class ReadProgress implements Checkpoint {

    private final SyntheticCheckpoint delegate;
    private final PrintStream out;
    private final String label;
    private long read;
    private int lastTenth;

    ReadProgress(SyntheticCheckpoint delegate, PrintStream out, String label) {
        this.delegate = delegate;
        this.out = out;
        this.label = label;
    }

    @Override
    public Path source() {
        return delegate.source();
    }

    @Override
    public Set<String> names() {
        return delegate.names();
    }

    @Override
    public TensorInfo info(String name) {
        return delegate.info(name);
    }

    @Override
    public HostTensor read(String name) {
        HostTensor t = delegate.read(name);
        read += delegate.info(name).byteLength();
        int tenth = (int) (10 * read / Math.max(1, delegate.byteSize()));
        if (tenth > lastTenth) {
            lastTenth = tenth;
            out.printf(Locale.ROOT, "[%s] weights %d%%%n", label, 10 * tenth);
        }
        return t;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
