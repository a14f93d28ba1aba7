package dev.wuerstchen.api.error;

/** A native library call returned an error status. */
public final class NativeCallException extends WuerstchenException {

    private final String function;
    private final String statusName;
    private final String nativeMessage;

    public NativeCallException(String function, String statusName, String nativeMessage) {
        super(function + " failed with " + statusName
                + (nativeMessage == null || nativeMessage.isBlank() ? "" : ": " + nativeMessage.strip()));
        this.function = function;
        this.statusName = statusName;
        this.nativeMessage = nativeMessage;
    }

    public String function() {
        return function;
    }

    public String statusName() {
        return statusName;
    }

    public String nativeMessage() {
        return nativeMessage;
    }
}
