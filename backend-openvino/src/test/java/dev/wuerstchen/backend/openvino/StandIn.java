package dev.wuerstchen.backend.openvino;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wuerstchen.api.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The C stand-in of src/test/c (NOT OpenVINO; see its README), compiled with gcc once per test JVM
 * into target/openvino-standin, plus Java access to its test controls and counters. Tests that need
 * it are skipped, naming gcc, when gcc is absent.
 */
final class StandIn {

    static final String SOVERSION = "9990";
    static final List<String> KINDS = List.of("core", "model", "compiled_model", "infer_request", "tensor",
            "const_port", "string", "shape", "partial_shape", "version", "devices");

    private static Path dir;
    private static String buildFailure;
    private static SymbolLookup controls;

    private StandIn() {
    }

    /** The folder with the built stand-in libraries; skips the calling test if gcc is missing. */
    static synchronized Path directory() {
        if (dir == null && buildFailure == null) {
            build();
        }
        Assumptions.assumeTrue(buildFailure == null, () -> buildFailure);
        return dir;
    }

    private static void build() {
        Path src = TestData.root().resolve("backend-openvino/src/test/c");
        Path out = TestData.root().resolve("backend-openvino/target/openvino-standin");
        try {
            // gcc.log goes to the build folder, never into the source tree
            Files.createDirectories(out);
            if (run(List.of("gcc", "--version"), out) != 0) {
                buildFailure = "gcc --version failed: the C stand-in of the OpenVINO C API cannot be built, so the "
                        + "binding tests are skipped; install gcc";
                return;
            }
        } catch (IOException e) {
            buildFailure = "gcc is not on the PATH: the C stand-in of the OpenVINO C API (backend-openvino/src/test/c) "
                    + "cannot be built, so the binding tests are skipped; install gcc";
            return;
        }
        try {
            String flags = "-shared -fPIC -O1 -Wall -Wextra -std=c11";
            List<List<String>> steps = List.of(
                    cmd(flags, "-o", "libtbb.so.12", "-Wl,-soname,libtbb_standin.so.12", src + "/tbb_standin.c"),
                    cmd(flags, "-o", "libopenvino.so." + SOVERSION, "-Wl,-soname,libopenvino.so." + SOVERSION,
                            src + "/runtime_standin.c", "-L.", "-l:libtbb.so.12"),
                    cmd(flags, "-o", "libopenvino_c.so." + SOVERSION, "-Wl,-soname,libopenvino_c.so." + SOVERSION,
                            src + "/openvino_c_standin.c", "-L.", "-l:libopenvino.so." + SOVERSION,
                            "-Wl,-rpath-link,.", "-lpthread"));
            for (List<String> step : steps) {
                if (run(step, out) != 0) {
                    throw new IllegalStateException("building the stand-in failed: " + String.join(" ", step)
                            + "\n" + Files.readString(out.resolve("gcc.log")));
                }
            }
            // Plugins and frontends only need to exist for the locator's checks (ARM hosts look for the ARM plugin).
            for (String f : List.of("libopenvino_intel_cpu_plugin.so", "libopenvino_arm_cpu_plugin.so",
                    "libopenvino_ir_frontend.so." + SOVERSION,
                    "libopenvino_onnx_frontend.so." + SOVERSION)) {
                Files.writeString(out.resolve(f), "stand-in placeholder, not a library\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dir = out;
    }

    private static List<String> cmd(String flags, String... rest) {
        List<String> c = new ArrayList<>(List.of("gcc"));
        c.addAll(List.of(flags.split(" ")));
        c.addAll(List.of(rest));
        return c;
    }

    private static int run(List<String> command, Path workDir) throws IOException {
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("gcc.log").toFile()).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static Path cLibrary() {
        return directory().resolve("libopenvino_c.so." + SOVERSION);
    }

    /** Locates the stand-in through the explicit-path rule and loads it (pre-loading its dependencies). */
    static OpenVinoRuntime runtime() {
        RuntimeLocation loc = new OpenVinoRuntimeLocator(OpenVinoRuntimeLocator.Environment.current())
                .locate(directory());
        if (!(loc instanceof RuntimeLocation.Found found)) {
            throw new AssertionError("the stand-in was not found: " + loc);
        }
        return OpenVinoRuntime.load(found);
    }

    private static synchronized SymbolLookup controls() {
        if (controls == null) {
            runtime(); // loads the dependencies first
            controls = SymbolLookup.libraryLookup(cLibrary(), Arena.global());
        }
        return controls;
    }

    private static MethodHandle fn(String name, FunctionDescriptor d) {
        return Linker.nativeLinker().downcallHandle(controls().find(name).orElseThrow(), d);
    }

    private static Object call(String name, FunctionDescriptor d, Object... args) {
        try {
            return fn(name, d).invokeWithArguments(args);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    private static String string(MemorySegment s) {
        return s.reinterpret(Long.MAX_VALUE).getString(0);
    }

    static void reset() {
        call("standin_reset", FunctionDescriptor.ofVoid());
    }

    /**
     * @param numbering -1 follows the version as OpenVINO does (tensors new since 2024.2, ports since 2024.1),
     *     0 forces the pre-2024.2 numbering on both, 1 the new one
     */
    static void setVersion(String buildNumber, int numbering) {
        try (Arena a = Arena.ofConfined()) {
            call("standin_set_version", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT), a.allocateFrom(buildNumber), numbering);
        }
    }

    /** The next call of {@code function} returns {@code status}; a null message records none (the last one stays). */
    static void failNext(String function, int status, String message) {
        try (Arena a = Arena.ofConfined()) {
            call("standin_fail_next", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS), a.allocateFrom(function),
                    status, message == null ? MemorySegment.NULL : a.allocateFrom(message));
        }
    }

    /**
     * The devices the stand-in reports (default CPU and GPU); it accepts them as OpenVINO does (a listed GPU also
     * as GPU.0, a listed GPU.0 also as GPU) plus AUTO, MULTI and HETERO. None for no devices.
     */
    static void setDevices(String... devices) {
        try (Arena a = Arena.ofConfined()) {
            call("standin_set_devices", FunctionDescriptor.ofVoid(ADDRESS), a.allocateFrom(String.join(",", devices)));
        }
    }

    static void setAsyncDelayMillis(int ms) {
        call("standin_set_async_delay_ms", FunctionDescriptor.ofVoid(JAVA_INT), ms);
    }

    static long created(String kind) {
        try (Arena a = Arena.ofConfined()) {
            return (long) call("standin_created", FunctionDescriptor.of(JAVA_LONG, ADDRESS), a.allocateFrom(kind));
        }
    }

    static long freed(String kind) {
        try (Arena a = Arena.ofConfined()) {
            return (long) call("standin_freed", FunctionDescriptor.of(JAVA_LONG, ADDRESS), a.allocateFrom(kind));
        }
    }

    static long misuse() {
        return (long) call("standin_misuse", FunctionDescriptor.of(JAVA_LONG));
    }

    static String misuseLog() {
        return string((MemorySegment) call("standin_misuse_log", FunctionDescriptor.of(ADDRESS)));
    }

    static long invalidParams() {
        return (long) call("standin_invalid_params", FunctionDescriptor.of(JAVA_LONG));
    }

    static String compileLog() {
        return string((MemorySegment) call("standin_compile_log", FunctionDescriptor.of(ADDRESS)));
    }

    static String propertyLog() {
        return string((MemorySegment) call("standin_property_log", FunctionDescriptor.of(ADDRESS)));
    }

    static String lastBinPath() {
        return string((MemorySegment) call("standin_last_bin_path", FunctionDescriptor.of(ADDRESS)));
    }

    static long lastWeightsBytes() {
        return (long) call("standin_last_weights_bytes", FunctionDescriptor.of(JAVA_LONG));
    }

    static long layout(String what) {
        try (Arena a = Arena.ofConfined()) {
            return (long) call("standin_layout", FunctionDescriptor.of(JAVA_LONG, ADDRESS), a.allocateFrom(what));
        }
    }

    static int dependencyChain() {
        return (int) call("standin_dependency_chain", FunctionDescriptor.of(JAVA_INT));
    }

    /** Asserts every object and allocation was released exactly once and no handle was misused. */
    static void assertBalanced() {
        StringBuilder counts = new StringBuilder();
        for (String k : KINDS) {
            counts.append(k).append(' ').append(created(k)).append('/').append(freed(k)).append("  ");
        }
        for (String k : KINDS) {
            assertEquals(created(k), freed(k), "created/freed per kind: " + counts);
        }
        if (misuse() != 0) {
            fail("the stand-in saw misuse:\n" + misuseLog());
        }
        assertEquals(0, invalidParams(), "calls with invalid C parameters");
    }

    /** Writes a stand-in model file (see src/test/c/README.md). */
    static Path model(Path dir, String fileName, String... lines) {
        Path p = dir.resolve(fileName);
        try {
            Files.writeString(p, "standin-model\n" + String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
