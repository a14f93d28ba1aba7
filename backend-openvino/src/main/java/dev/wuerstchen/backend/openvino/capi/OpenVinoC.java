package dev.wuerstchen.backend.openvino.capi;

import java.lang.foreign.SymbolLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The raw C API of one loaded {@code libopenvino_c}, grouped by header. Calls map one to one to C:
 * no status checks, no ownership, no policy (that is the idiomatic layer's job). Instances are
 * independent, so a process can bind two libraries (for example a test stand-in and a real runtime).
 */
public final class OpenVinoC {

    public final CommonFunctions common;
    public final CoreFunctions core;
    public final ModelFunctions model;
    public final ShapeFunctions shape;
    public final CompiledModelFunctions compiledModel;
    public final TensorFunctions tensor;
    public final InferRequestFunctions inferRequest;
    private final SymbolLookup lookup;
    private final String library;

    /**
     * @param lookup symbols of the loaded library
     * @param library the library's name or path, used in error messages
     */
    public OpenVinoC(SymbolLookup lookup, String library) {
        this.lookup = lookup;
        this.library = library;
        common = new CommonFunctions(lookup, library);
        core = new CoreFunctions(lookup, library);
        model = new ModelFunctions(lookup, library);
        shape = new ShapeFunctions(lookup, library);
        compiledModel = new CompiledModelFunctions(lookup, library);
        tensor = new TensorFunctions(lookup, library);
        inferRequest = new InferRequestFunctions(lookup, library);
    }

    public String library() {
        return library;
    }

    /** Every symbol this binding uses. */
    public List<String> symbols() {
        return Stream.of(common.symbols(), core.symbols(), model.symbols(), shape.symbols(), compiledModel.symbols(),
                tensor.symbols(), inferRequest.symbols()).flatMap(List::stream).toList();
    }

    /** The symbols of {@link #symbols()} the library does not export (empty for a complete runtime). */
    public List<String> missingSymbols() {
        List<String> missing = new ArrayList<>();
        for (String s : symbols()) {
            if (lookup.find(s).isEmpty()) {
                missing.add(s);
            }
        }
        return missing;
    }

    /** Whether the library exports {@code symbol}. */
    public boolean has(String symbol) {
        return lookup.find(symbol).isPresent();
    }
}
