package dev.wuerstchen.backend.openvino.capi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * One C function of {@code libopenvino_c}: its descriptor, and a downcall handle bound on first use
 * (so a symbol missing from an old runtime only fails the call that needs it, naming the symbol).
 */
public final class NativeFunction {

    private static final Linker LINKER = Linker.nativeLinker();

    private final SymbolLookup lookup;
    private final String library;
    private final String name;
    private final FunctionDescriptor descriptor;
    private volatile MethodHandle handle;

    public NativeFunction(SymbolLookup lookup, String library, String name, FunctionDescriptor descriptor) {
        this.lookup = lookup;
        this.library = library;
        this.name = name;
        this.descriptor = descriptor;
    }

    public String name() {
        return name;
    }

    public FunctionDescriptor descriptor() {
        return descriptor;
    }

    /** Whether the library exports the symbol (binds nothing). */
    public boolean isPresent() {
        return lookup.find(name).isPresent();
    }

    /** The downcall handle, bound on first use. */
    public MethodHandle handle() {
        MethodHandle h = handle;
        if (h == null) {
            synchronized (this) {
                h = handle;
                if (h == null) {
                    h = LINKER.downcallHandle(address(), descriptor);
                    handle = h;
                }
            }
        }
        return h;
    }

    MemorySegment address() {
        return lookup.find(name).orElseThrow(() -> new MissingSymbolException(library, name));
    }

    String library() {
        return library;
    }

    SymbolLookup lookup() {
        return lookup;
    }

    /** Downcalls throw no checked exceptions; anything else is passed on unchanged or wrapped. */
    static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("unexpected checked exception from a downcall", t);
    }
}
