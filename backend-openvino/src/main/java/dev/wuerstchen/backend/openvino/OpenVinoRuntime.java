package dev.wuerstchen.backend.openvino;

import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_INT64;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_POINTER;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.C_SIZE_T;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.OV_SHAPE;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.OV_VERSION;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.SHAPE_DIMS;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.SHAPE_RANK;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.VERSION_BUILD_NUMBER;
import static dev.wuerstchen.backend.openvino.capi.OvLayouts.VERSION_DESCRIPTION;

import dev.wuerstchen.api.error.BackendUnavailableException;
import dev.wuerstchen.api.error.NativeCallException;
import dev.wuerstchen.backend.openvino.capi.OpenVinoC;
import dev.wuerstchen.backend.openvino.capi.OvElementTypeCodes;
import dev.wuerstchen.backend.openvino.capi.OvStatus;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loaded {@code libopenvino_c}: the raw functions, the version, and the element-type numbering
 * detected at start-up (spec §A.11). Holds no native object itself; libraries stay loaded for the
 * life of the process (their lookups live in {@link Arena#global()}).
 *
 * <p>One process holds one OpenVINO installation per library name: {@link #load} refuses a
 * {@code libopenvino*} (Windows: {@code openvino*.dll}) library whose file name an already loaded
 * library from another folder has, because the dynamic linker would then satisfy the second
 * installation's dependencies with the first one's libraries (spec §A.1.3) and mix two releases.
 * Releases with other SOVERSIONs have other library names and may be loaded side by side; TBB is left
 * out of the check, as every OpenVINO release uses TBB's stable ABI 12 and the first one loaded serves
 * them all.
 */
public final class OpenVinoRuntime {

    /** The one function whose absence is tolerated: without it errors carry no OpenVINO message. */
    static final String LAST_ERROR_FUNCTION = "ov_get_last_err_msg";

    /** Library file name → real path, for every OpenVINO library this process has loaded. */
    private static final Map<String, Path> LOADED = new HashMap<>();

    /** What {@code ov_get_openvino_version} reported. */
    private record Reported(String buildNumber, String description) {
    }

    private final OpenVinoC c;
    private final Path library;
    private final OpenVinoVersion version;
    private final String versionEvidence;
    private final boolean versionExact;
    private final ElementTypeNumbering tensorTypes;
    private final ElementTypeNumbering portTypes;
    private final String numberingEvidence;
    private final boolean hasLastError;
    /** The last error text read from OpenVINO (see {@link #failureMessage()}); null after OpenVINO reported none. */
    private final AtomicReference<String> lastErrorRead = new AtomicReference<>();

    private OpenVinoRuntime(OpenVinoC c, Path library, String versionHint) {
        this.c = c;
        this.library = library;
        this.hasLastError = c.has(LAST_ERROR_FUNCTION);
        List<String> missing = c.missingSymbols().stream().filter(s -> !s.equals(LAST_ERROR_FUNCTION)).toList();
        if (!missing.isEmpty()) {
            String what = missing.size() <= 5 ? "does not export " + String.join(", ", missing)
                    : "is not OpenVINO's C API: " + missing.size() + " of the " + c.symbols().size()
                            + " functions this binding uses are missing, among them " + String.join(", ", missing.subList(0, 3));
            throw new BackendUnavailableException("openvino", library + " " + what,
                    "This binding needs the C API of OpenVINO 2024.0 or newer; install a current release "
                            + "(for example 'pip install openvino')");
        }
        Reported reported = readVersion();
        Long probe = probeByteSize();
        ElementTypeNumbering byProbe = probe == null ? null : ElementTypeNumbering.fromProbe(probe);
        OpenVinoVersion parsed = OpenVinoVersion.tryParse(reported.buildNumber(), reported.description());
        OpenVinoVersion hinted = versionHint == null ? null : OpenVinoVersion.tryParse(versionHint, null);
        String unreadable = "the build number '" + reported.buildNumber() + "' does not start with YYYY.M";
        if (parsed != null) {
            version = parsed;
            versionExact = true;
            versionEvidence = "build number " + reported.buildNumber();
        } else if (hinted != null) {
            version = new OpenVinoVersion(hinted.year(), hinted.minor(), hinted.patch(), reported.buildNumber(),
                    reported.description());
            versionExact = true;
            versionEvidence = unreadable + "; release " + hinted.release() + " taken from the SOVERSION of "
                    + library.getFileName();
        } else if (byProbe != null) {
            // The numbering bounds the release from below; the binding's own 2024.0 minimum is assumed otherwise.
            version = byProbe == ElementTypeNumbering.SINCE_2024_2
                    ? new OpenVinoVersion(2024, 2, 0, reported.buildNumber(), reported.description())
                    : new OpenVinoVersion(2024, 0, 0, reported.buildNumber(), reported.description());
            versionExact = false;
            versionEvidence = unreadable + " and no SOVERSION is known for " + library.getFileName() + "; the element-type "
                    + "probe says " + (byProbe == ElementTypeNumbering.SINCE_2024_2 ? "2024.2 or later"
                            : "before 2024.2 (2024.0 or later assumed: every function this binding uses is exported)");
        } else {
            throw new BackendUnavailableException("openvino", library + " reports " + unreadable + " (description '"
                    + reported.description() + "'), no SOVERSION is known for its file name and the element-type probe was "
                    + "inconclusive (" + (probe == null ? "ov_tensor_create failed" : probe + " bytes") + "), so its "
                    + "release cannot be told", "Use an official OpenVINO 2024.0 or newer package (pip, archive or APT), "
                    + "whose C library is named libopenvino_c.so.<SOVERSION>");
        }
        if (!version.atLeast(2024, 0)) {
            throw new BackendUnavailableException("openvino", library + " is OpenVINO " + version,
                    "This binding needs OpenVINO 2024.0 or newer; install a current release");
        }
        ElementTypeNumbering byVersion = ElementTypeNumbering.forVersion(version);
        String tensorEvidence;
        if (byProbe == null) {
            tensorTypes = byVersion;
            tensorEvidence = "probe inconclusive (" + (probe == null ? "ov_tensor_create failed" : probe + " bytes")
                    + "); numbering chosen by version " + version.release();
        } else {
            tensorTypes = byProbe;
            tensorEvidence = "a 1-element tensor of type code " + OvElementTypeCodes.PROBE_CODE + " takes " + probe
                    + (probe == 1 ? " byte (u8)" : " bytes (u64)")
                    + (byProbe == byVersion ? "; version " + version.release() + " agrees"
                            : "; version " + version.release() + " suggested " + byVersion + ", the probe wins");
        }
        portTypes = ElementTypeNumbering.forPorts(tensorTypes, version);
        if (portTypes != tensorTypes) {
            numberingEvidence = tensorEvidence + "; ports of OpenVINO 2024.1 report the numbering of 2024.2 while its "
                    + "tensors keep the old one";
        } else if (!versionExact && tensorTypes == ElementTypeNumbering.BEFORE_2024_2) {
            numberingEvidence = tensorEvidence + "; ports are read in the old numbering too, which misreads port types "
                    + "after u1 if this release of unknown number is 2024.1";
        } else {
            numberingEvidence = tensorEvidence;
        }
    }

    /**
     * Loads a located runtime: pre-loads its dependencies in order (TBB, libopenvino), then
     * {@code libopenvino_c}, and detects version and element-type numbering.
     *
     * @throws BackendUnavailableException if a library cannot be loaded or is too old
     */
    public static OpenVinoRuntime load(RuntimeLocation.Found found) {
        synchronized (LOADED) {
            for (Path p : found.libraries()) {
                admit(p);
            }
            for (Path p : found.preload()) {
                open(p);
            }
            SymbolLookup c = open(found.cLibrary());
            return new OpenVinoRuntime(new OpenVinoC(c, found.cLibrary().toString()), found.cLibrary(),
                    found.versionHint());
        }
    }

    /** Binds already-loaded symbols (tests bind stand-ins this way); the version comes from the library only. */
    public static OpenVinoRuntime bind(OpenVinoC c, Path library) {
        return new OpenVinoRuntime(c, library, null);
    }

    /** Refuses an OpenVINO library whose name a library of another installation in this process has. */
    private static void admit(Path library) {
        String name = library.getFileName().toString();
        if (!isOpenVinoLibrary(name)) {
            return; // TBB: see the class comment
        }
        Path loaded = LOADED.get(name);
        Path real = realPath(library);
        if (loaded != null && !loaded.equals(real)) {
            throw new BackendUnavailableException("openvino", "cannot load " + real + ": " + name + " of another "
                    + "installation (" + loaded.getParent() + ") is already loaded in this process, and loading a second "
                    + "one would mix the libraries of two OpenVINO installations",
                    "Use one installation per process: give every openvino backend the same runtime path (or none), "
                            + "or start a new process to switch installations");
        }
    }

    /** {@code libopenvino*} on Linux and macOS, {@code openvino*.dll} on Windows; not TBB. */
    private static boolean isOpenVinoLibrary(String fileName) {
        return fileName.startsWith("libopenvino") || fileName.startsWith("openvino");
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static SymbolLookup open(Path p) {
        try {
            SymbolLookup lookup = SymbolLookup.libraryLookup(p, Arena.global());
            if (isOpenVinoLibrary(p.getFileName().toString())) {
                LOADED.putIfAbsent(p.getFileName().toString(), realPath(p));
            }
            return lookup;
        } catch (IllegalArgumentException e) {
            throw new BackendUnavailableException("openvino", "cannot load " + p + " (" + e.getMessage() + ")",
                    "Keep the OpenVINO libraries of one installation together in one folder, with TBB beside them "
                            + "or in runtime/3rdparty/tbb/lib, and run with --enable-native-access=ALL-UNNAMED");
        }
    }

    /** The raw functions. */
    public OpenVinoC c() {
        return c;
    }

    public Path library() {
        return library;
    }

    /** The release; see {@link #versionExact()} and {@link #versionEvidence()} for how it was found. */
    public OpenVinoVersion version() {
        return version;
    }

    /** False when the build number was unreadable and {@link #version()} is only a lower bound. */
    public boolean versionExact() {
        return versionExact;
    }

    /** How {@link #version()} was found (for {@code wuerstchen info} and bug reports). */
    public String versionEvidence() {
        return versionEvidence;
    }

    /** {@code 2025.3.0}, or {@code 2024.2 or later} when only a lower bound is known. */
    public String versionLabel() {
        return versionExact ? version.release() : version.year() + "." + version.minor() + " or later";
    }

    /** The {@code ov_element_type_e} numbering of tensors: {@code ov_tensor_create*}, {@code ov_tensor_get_element_type}. */
    public ElementTypeNumbering tensorTypes() {
        return tensorTypes;
    }

    /** The {@code ov_element_type_e} numbering of {@code ov_port_get_element_type}; differs from the tensors' on 2024.1. */
    public ElementTypeNumbering portTypes() {
        return portTypes;
    }

    /** How {@link #tensorTypes()} and {@link #portTypes()} were decided (for {@code wuerstchen info} and bug reports). */
    public String numberingEvidence() {
        return numberingEvidence;
    }

    /** {@code element types numbered as since 2024.2}, naming tensors and ports apart when they differ. */
    public String numberingLabel() {
        return tensorTypes == portTypes ? "element types numbered " + tensorTypes.label()
                : "tensor element types numbered " + tensorTypes.label() + ", port element types " + portTypes.label();
    }

    /** A new core; the caller owns and closes it. */
    public OvCore createCore() {
        return OvCore.create(this);
    }

    /**
     * Turns a non-OK status into a {@link NativeCallException} naming the function, the status and
     * OpenVINO's last error message ({@link #failureMessage()}). {@code INVALID_C_PARAM} records no
     * message (the global one would be stale), so none is attached.
     */
    public void check(int status, String function) {
        if (status == OvStatus.OK) {
            return;
        }
        String message = status == OvStatus.INVALID_C_PARAM
                ? "OpenVINO rejected an argument of the C call (it records no message for this status)"
                : failureMessage();
        throw new NativeCallException(function, OvStatus.name(status), message);
    }

    /**
     * OpenVINO's last error text for a call that just failed. The text is process-wide and some failures
     * record none (ov_port_get_partial_shape's PARAMETER_MISMATCH, ov_compiled_model_export_model's
     * GENERAL_ERROR for a file it cannot open), so a text identical to the one read last is not shown as
     * this call's cause.
     */
    private String failureMessage() {
        String text = readLastError();
        if (text != null && text.equals(lastErrorRead.getAndSet(text))) {
            return "OpenVINO recorded no new message for this call; the message it still holds, possibly from an "
                    + "earlier call, is: " + text;
        }
        return text;
    }

    /**
     * Reads and forgets OpenVINO's message after a failure the caller expects and handles, so that a later
     * failure recording no message of its own does not present this one as its cause.
     */
    void discardLastError() {
        lastErrorRead.set(readLastError());
    }

    /** {@code ov_core_free} clears OpenVINO's message, so the next one read is new whatever its text. */
    void lastErrorCleared() {
        lastErrorRead.set(null);
    }

    /** OpenVINO's last error message (process-wide, possibly stale), or null; frees OpenVINO's copy. */
    private String readLastError() {
        if (!hasLastError) {
            return null;
        }
        String text = takeString(c.common.ov_get_last_err_msg());
        if (text == null) {
            lastErrorRead.set(null); // OpenVINO holds no message (ov_core_free clears it): nothing can be stale
        }
        return text;
    }

    /** Reads a C string OpenVINO allocated and releases it with {@code ov_free}; null for NULL. */
    String takeString(MemorySegment cString) {
        if (cString.equals(MemorySegment.NULL)) {
            return null;
        }
        try {
            return cString.reinterpret(Long.MAX_VALUE).getString(0);
        } finally {
            c.common.ov_free(cString);
        }
    }

    /** Reads a C string OpenVINO owns (not freed here). */
    static String string(MemorySegment cString) {
        return cString.equals(MemorySegment.NULL) ? null : cString.reinterpret(Long.MAX_VALUE).getString(0);
    }

    /** Fills a zeroed {@code ov_shape_t} pointing at {@code dims} (the callee only reads it). */
    static MemorySegment shape(Arena arena, long[] dims) {
        MemorySegment s = arena.allocate(OV_SHAPE);
        s.set(C_INT64, SHAPE_RANK, dims.length);
        s.set(C_POINTER, SHAPE_DIMS, dims.length == 0 ? MemorySegment.NULL : arena.allocateFrom(C_INT64, dims));
        return s;
    }

    private Reported readVersion() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(OV_VERSION);
            check(c.common.ov_get_openvino_version(v), "ov_get_openvino_version");
            try {
                return new Reported(string(v.get(C_POINTER, VERSION_BUILD_NUMBER)),
                        string(v.get(C_POINTER, VERSION_DESCRIPTION)));
            } finally {
                c.common.ov_version_free(v);
            }
        }
    }

    /** Byte size of a 1-element tensor of the probe code, or null if OpenVINO refuses to make one. */
    private Long probeByteSize() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cell = arena.allocate(C_POINTER);
            if (c.tensor.ov_tensor_create(OvElementTypeCodes.PROBE_CODE, shape(arena, new long[] {1}), cell)
                    != OvStatus.OK) {
                discardLastError(); // handled here: its message must not resurface as a later call's cause
                return null;
            }
            MemorySegment tensor = cell.get(C_POINTER, 0);
            try {
                MemorySegment size = arena.allocate(C_SIZE_T);
                return c.tensor.ov_tensor_get_byte_size(tensor, size) == OvStatus.OK ? size.get(C_SIZE_T, 0) : null;
            } finally {
                c.tensor.ov_tensor_free(tensor);
            }
        }
    }

    @Override
    public String toString() {
        return "OpenVINO " + version + " at " + library;
    }
}
