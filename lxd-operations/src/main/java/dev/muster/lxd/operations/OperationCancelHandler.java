package dev.muster.lxd.operations;

import dev.muster.events.operations.Operation;

/**
 * Stops the work of an operation a client cancelled. Called inside the transaction that marks the
 * operation Cancelled; a service provides one bean per kind of cancellable work (e.g. join tokens).
 */
public interface OperationCancelHandler {
    void onCancel(Operation operation);
}
