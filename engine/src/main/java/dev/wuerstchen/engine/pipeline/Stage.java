package dev.wuerstchen.engine.pipeline;

/** The phases of a generation, in order, as progress reports name them. */
public enum Stage {
    PRIOR_TEXT("prior text encoder"),
    PRIOR("prior"),
    DECODER_TEXT("decoder text encoder"),
    DECODER("decoder"),
    VQGAN("vqgan");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
