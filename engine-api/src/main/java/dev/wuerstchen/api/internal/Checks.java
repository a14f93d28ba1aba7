package dev.wuerstchen.api.internal;

import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.tensor.Shape;

/** Precondition helpers shared by all modules (no Guava). */
public final class Checks {

    private Checks() {
    }

    public static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Throws a {@link ShapeMismatchException} unless {@code actual} equals {@code expected}. */
    public static void shape(String what, Shape expected, Shape actual) {
        if (!expected.equals(actual)) {
            throw new ShapeMismatchException(what, expected.toString(), actual.toString());
        }
    }

    /** Throws unless {@code actual} has the given rank. */
    public static void rank(String what, int rank, Shape actual) {
        if (actual.rank() != rank) {
            throw new ShapeMismatchException(what, "rank " + rank, actual.toString());
        }
    }

    public static void dim(String what, Shape actual, int axis, int expected) {
        if (actual.dim(axis) != expected) {
            throw new ShapeMismatchException(what, "dimension " + axis + " = " + expected, actual.toString());
        }
    }
}
