package dev.muster.starlark.lib;

import dev.muster.starlark.eval.Method;
import dev.muster.starlark.value.Bytes;
import dev.muster.starlark.value.ElemsView;
import java.util.Map;

/** The methods of bytes values. */
final class BytesMethods {

    private BytesMethods() {}

    static final Map<String, Method> METHODS =
            MethodTable.of(new Method("elems", "", (thread, self, args) -> ElemsView.of((Bytes) self)));
}
