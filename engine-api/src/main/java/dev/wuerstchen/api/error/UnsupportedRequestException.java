package dev.wuerstchen.api.error;

/** A generation request the pipeline cannot serve (for example a size whose latents do not fit). */
public final class UnsupportedRequestException extends WuerstchenException {

    private final String nearestValid;

    public UnsupportedRequestException(String what, String nearestValid) {
        super(what + (nearestValid == null || nearestValid.isBlank() ? "" : ". " + nearestValid));
        this.nearestValid = nearestValid;
    }

    public String nearestValid() {
        return nearestValid;
    }
}
