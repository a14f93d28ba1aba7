package dev.wuerstchen.engine.parity;

import java.util.function.Consumer;

/** Compares one part of the engine with a reference set. */
interface ParityCheck {

    ParityPart part();

    /** Runs the comparisons, reporting each one as soon as it is made. */
    void run(ParitySession session, Consumer<Comparison> out);
}
