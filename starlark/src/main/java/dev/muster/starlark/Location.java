package dev.muster.starlark;

/** A position in a Starlark source file; lines and columns start at 1. */
public record Location(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
