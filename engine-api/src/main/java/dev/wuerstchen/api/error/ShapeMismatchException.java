package dev.wuerstchen.api.error;

/** An operation or network input received a tensor of the wrong shape. */
public final class ShapeMismatchException extends WuerstchenException {

    public ShapeMismatchException(String op, String expected, String actual) {
        super(op + ": expected " + expected + " but got " + actual
                + ". This is a bug in the caller of '" + op + "'; the shapes above say which input is wrong.");
    }
}
