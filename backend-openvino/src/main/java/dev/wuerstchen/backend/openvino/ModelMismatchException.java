package dev.wuerstchen.backend.openvino;

import dev.wuerstchen.api.error.WuerstchenException;

/** A model file whose inputs or outputs do not match the network it is supposed to run. */
public final class ModelMismatchException extends WuerstchenException {

    public ModelMismatchException(String message) {
        super(message);
    }
}
