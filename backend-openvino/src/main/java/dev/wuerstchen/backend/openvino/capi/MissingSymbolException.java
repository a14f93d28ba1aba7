package dev.wuerstchen.backend.openvino.capi;

import dev.wuerstchen.api.error.WuerstchenException;

/** A C function the binding needs is not exported by the loaded {@code libopenvino_c}. */
public final class MissingSymbolException extends WuerstchenException {

    private final String symbol;

    public MissingSymbolException(String library, String symbol) {
        super(library + ": the function " + symbol + " is not exported. This binding needs the C API of OpenVINO "
                + "2024.0 or newer; install a current release (for example 'pip install openvino')");
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
