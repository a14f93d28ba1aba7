package dev.wuerstchen.api.error;

/**
 * A native library call returned an error status. The bare form names the function, the status and
 * the library's own message; {@link #in(String, String)} adds the subject (the file, the device) and
 * the fix, keeping those three.
 */
public final class NativeCallException extends WuerstchenException {

    private final String function;
    private final String statusName;
    private final String nativeMessage;

    public NativeCallException(String function, String statusName, String nativeMessage) {
        super(describe(function, statusName, nativeMessage));
        this.function = function;
        this.statusName = statusName;
        this.nativeMessage = nativeMessage;
    }

    private NativeCallException(NativeCallException call, String subject, String fix) {
        super(subject + ": " + describe(call.function, call.statusName, call.nativeMessage)
                + (fix == null || fix.isBlank() ? "" : ". " + fix), call);
        this.function = call.function;
        this.statusName = call.statusName;
        this.nativeMessage = call.nativeMessage;
    }

    private static String describe(String function, String statusName, String nativeMessage) {
        return function + " failed with " + statusName
                + (nativeMessage == null || nativeMessage.isBlank() ? "" : ": " + nativeMessage.strip());
    }

    /**
     * The same failure said about {@code subject} (for example a model file and its device), with
     * {@code fix} appended: {@code <subject>: <function> failed with <status>: <message>. <fix>}.
     * Function, status and native message stay as they were; this exception becomes the cause.
     */
    public NativeCallException in(String subject, String fix) {
        return new NativeCallException(this, subject, fix);
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
