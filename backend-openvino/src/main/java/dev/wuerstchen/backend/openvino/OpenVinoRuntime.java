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
import java.nio.file.Path;
import java.util.List;

/**
 * A loaded {@code libopenvino_c}: the raw functions, the version, and the element-type numbering
 * detected at start-up (spec §A.11). Holds no native object itself; libraries stay loaded for the
 * life of the process (their lookups live in {@link Arena#global()}).
 */
public final class OpenVinoRuntime {

    /** The one function whose absence is tolerated: without it errors carry no OpenVINO message. */
    static final String LAST_ERROR_FUNCTION = "ov_get_last_err_msg";

    private final OpenVinoC c;
    private final Path library;
    private final OpenVinoVersion version;
    private final ElementTypeNumbering numbering;
    private final String numberingEvidence;
    private final boolean hasLastError;

    private OpenVinoRuntime(OpenVinoC c, Path library) {
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
        this.version = readVersion();
        if (!version.atLeast(2024, 0)) {
            throw new BackendUnavailableException("openvino", library + " is OpenVINO " + version,
                    "This binding needs OpenVINO 2024.0 or newer; install a current release");
        }
        Long probe = probeByteSize();
        ElementTypeNumbering byVersion = ElementTypeNumbering.forVersion(version);
        ElementTypeNumbering byProbe = probe == null ? null : ElementTypeNumbering.fromProbe(probe);
        if (byProbe == null) {
            numbering = byVersion;
            numberingEvidence = "probe inconclusive (" + (probe == null ? "ov_tensor_create failed" : probe + " bytes")
                    + "); numbering chosen by version " + version.release();
        } else {
            numbering = byProbe;
            numberingEvidence = "a 1-element tensor of type code " + OvElementTypeCodes.PROBE_CODE + " takes " + probe
                    + (probe == 1 ? " byte (u8)" : " bytes (u64)")
                    + (byProbe == byVersion ? "; version " + version.release() + " agrees"
                            : "; version " + version.release() + " suggested " + byVersion + ", the probe wins");
        }
    }

    /**
     * Loads a located runtime: pre-loads its dependencies in order (TBB, libopenvino), then
     * {@code libopenvino_c}, and detects version and element-type numbering.
     *
     * @throws BackendUnavailableException if a library cannot be loaded or is too old
     */
    public static OpenVinoRuntime load(RuntimeLocation.Found found) {
        for (Path p : found.preload()) {
            open(p);
        }
        return bind(new OpenVinoC(open(found.cLibrary()), found.cLibrary().toString()), found.cLibrary());
    }

    /** Binds already-loaded symbols (tests bind stand-ins this way). */
    public static OpenVinoRuntime bind(OpenVinoC c, Path library) {
        return new OpenVinoRuntime(c, library);
    }

    private static SymbolLookup open(Path p) {
        try {
            return SymbolLookup.libraryLookup(p, Arena.global());
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

    public OpenVinoVersion version() {
        return version;
    }

    /** The {@code ov_element_type_e} numbering this runtime uses. */
    public ElementTypeNumbering numbering() {
        return numbering;
    }

    /** How {@link #numbering()} was decided (for {@code wuerstchen info} and bug reports). */
    public String numberingEvidence() {
        return numberingEvidence;
    }

    /** A new core; the caller owns and closes it. */
    public OvCore createCore() {
        return OvCore.create(this);
    }

    /**
     * Turns a non-OK status into a {@link NativeCallException} naming the function, the status and
     * OpenVINO's last error message. {@code INVALID_C_PARAM} records no message (the global one would
     * be stale), so none is attached.
     */
    public void check(int status, String function) {
        if (status == OvStatus.OK) {
            return;
        }
        String message = status == OvStatus.INVALID_C_PARAM
                ? "OpenVINO rejected an argument of the C call (it records no message for this status)"
                : lastErrorMessage();
        throw new NativeCallException(function, OvStatus.name(status), message);
    }

    /** OpenVINO's last error message (process-wide, possibly stale), or null; frees OpenVINO's copy. */
    String lastErrorMessage() {
        if (!hasLastError) {
            return null;
        }
        return takeString(c.common.ov_get_last_err_msg());
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

    private OpenVinoVersion readVersion() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(OV_VERSION);
            check(c.common.ov_get_openvino_version(v), "ov_get_openvino_version");
            try {
                return OpenVinoVersion.parse(string(v.get(C_POINTER, VERSION_BUILD_NUMBER)),
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
