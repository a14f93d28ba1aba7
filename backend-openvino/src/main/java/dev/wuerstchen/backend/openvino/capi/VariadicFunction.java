package dev.wuerstchen.backend.openvino.capi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A C function ending in {@code ...} whose variadic arguments are all {@code char*} (OpenVINO's
 * property key/value pairs, spec §A.2.3). One downcall handle per argument count, each linked with
 * {@link Linker.Option#firstVariadicArg(int)} so the callee sees a correct variadic call (on x86-64
 * SysV {@code %al}; on AArch64 macOS the stack).
 */
public final class VariadicFunction {

    private static final Linker LINKER = Linker.nativeLinker();

    private final NativeFunction fixed;
    private final int fixedCount;
    private final ConcurrentHashMap<Integer, MethodHandle> handles = new ConcurrentHashMap<>();

    public VariadicFunction(SymbolLookup lookup, String library, String name, FunctionDescriptor fixedPart) {
        this.fixed = new NativeFunction(lookup, library, name, fixedPart);
        this.fixedCount = fixedPart.argumentLayouts().size();
    }

    public String name() {
        return fixed.name();
    }

    /** Number of fixed parameters, the index of the first variadic argument. */
    public int fixedCount() {
        return fixedCount;
    }

    /** The descriptor used for a call with {@code variadicCount} extra {@code char*} arguments. */
    public FunctionDescriptor descriptor(int variadicCount) {
        MemoryLayout[] extra = new MemoryLayout[variadicCount];
        Arrays.fill(extra, OvLayouts.C_POINTER);
        return fixed.descriptor().appendArgumentLayouts(extra);
    }

    /** The handle for {@code variadicCount} extra pointer arguments, linked on first use. */
    public MethodHandle handle(int variadicCount) {
        return handles.computeIfAbsent(variadicCount, n -> {
            MemorySegment address = fixed.address();
            return LINKER.downcallHandle(address, descriptor(n), Linker.Option.firstVariadicArg(fixedCount));
        });
    }

    /** Calls with the fixed arguments followed by the variadic ones; returns the {@code int} status. */
    int invokeStatus(Object[] fixedArgs, MemorySegment... variadic) {
        Object[] all = Arrays.copyOf(fixedArgs, fixedArgs.length + variadic.length);
        System.arraycopy(variadic, 0, all, fixedArgs.length, variadic.length);
        try {
            return (int) handle(variadic.length).invokeWithArguments(all);
        } catch (Throwable t) {
            throw NativeFunction.unexpected(t);
        }
    }
}
