package dev.muster.starlark.value;

/** The type of the single value None. */
public final class NoneType implements StarlarkValue {

    public static final NoneType NONE = new NoneType();

    private NoneType() {}

    @Override
    public String type() {
        return "NoneType";
    }

    @Override
    public void repr(Printer printer) {
        printer.append("None");
    }

    @Override
    public boolean truth() {
        return false;
    }

    @Override
    public boolean isHashable() {
        return true;
    }
}
