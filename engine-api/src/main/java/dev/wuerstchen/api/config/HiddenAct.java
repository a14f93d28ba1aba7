package dev.wuerstchen.api.config;

/** CLIP MLP activations found in text-encoder configs. */
public enum HiddenAct {
    GELU("gelu"),
    QUICK_GELU("quick_gelu");

    private final String jsonName;

    HiddenAct(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    /** Parses the {@code hidden_act} value; returns null for activations this engine does not have. */
    public static HiddenAct fromJson(String name) {
        for (HiddenAct a : values()) {
            if (a.jsonName.equals(name)) {
                return a;
            }
        }
        return null;
    }
}
